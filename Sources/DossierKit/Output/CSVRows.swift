import Foundation

/// Writes CSV rows (RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled).
///
/// Reading CSV content is CSV.swift's job; its writer, though, calls a closure and writes to a
/// stream for every code unit, which made it the slowest part of the downloads, so the download
/// is written here.
/// `EventFormatsTests` reads the download back with CSV.swift.
struct CSVRows {
    private(set) var data = Data()

    mutating func append(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { data.append(UInt8(ascii: ",")) }
            if field.utf8.contains(where: {
                $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D
            }) {
                var quoted: [UInt8] = [UInt8(ascii: "\"")]
                for byte in field.utf8 {
                    quoted.append(byte)
                    if byte == UInt8(ascii: "\"") { quoted.append(byte) }
                }
                quoted.append(UInt8(ascii: "\""))
                data.append(contentsOf: quoted)
            } else {
                var field = field
                field.withUTF8 { data.append($0) }
            }
        }
        data.append(0x0A)
    }
}
