import Mustache

/// HTML escaping for templates that declare `{{% CONTENT_TYPE: HTML}}` (all of the default theme).
///
/// It escapes exactly what swift-mustache's own HTML escaping does (`& < > " '`, the quote as
/// `&#39;`), but works on UTF-8 bytes and returns clean text untouched, where the library walks
/// the text Character by Character: about a seventh of the rendering time of a large report.
struct HTMLEscaping: MustacheContentType {
    func escapeText(_ text: String) -> String {
        var needsEscaping = false
        for byte in text.utf8
        where byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
        {
            needsEscaping = true
            break
        }
        guard needsEscaping else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): bytes.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): bytes.append(contentsOf: "&#39;".utf8)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Makes `{{% CONTENT_TYPE: HTML}}` use this escaping (idempotent).
    static let registered: Void = {
        MustacheContentTypes.register(HTMLEscaping(), named: "HTML")
    }()
}
