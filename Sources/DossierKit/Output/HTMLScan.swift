/// The links and ids of one HTML page, with the byte offset of each link.
///
/// Not a general HTML parser (no dependency available here provides one): it jumps from `<` to
/// `<`, reads each tag's attributes, skips comments and the contents of `<script>` and
/// `<style>`, and makes strings only of the attributes the link check needs.
struct HTMLScan {
    struct Link {
        var value: String
        var offset: Int
    }

    var links: [Link] = []
    var ids: Set<String> = []

    /// Tags whose attributes hold links, and which attributes.
    static func linkAttribute(
        tag: Slice<UnsafeBufferPointer<UInt8>>, attribute: Slice<UnsafeBufferPointer<UInt8>>
    ) -> Bool {
        switch attribute.count {
        case 4: return matches(attribute, "href") && (matches(tag, "a") || matches(tag, "link") || matches(tag, "area"))
        case 3:
            return matches(attribute, "src")
                && ["img", "script", "iframe", "source", "video", "audio", "embed"].contains { matches(tag, $0) }
        case 6: return matches(attribute, "poster") && matches(tag, "video")
        default: return false
        }
    }

    /// Whether the bytes spell `word` (lowercase ASCII), ignoring case, without allocating.
    static func matches(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, _ word: StaticString) -> Bool {
        guard bytes.count == word.utf8CodeUnitCount else { return false }
        return word.withUTF8Buffer { expected in
            var position = bytes.startIndex
            for byte in expected {
                if lowercase(bytes[position]) != byte { return false }
                position += 1
            }
            return true
        }
    }

    mutating func run(_ html: String) {
        var text = html
        text.withUTF8 { buffer in scan(buffer) }
    }

    init() {}

    init(_ html: String) { run(html) }

    private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
        let end = bytes.endIndex
        var index = bytes.startIndex
        let lessThan = UInt8(ascii: "<"), greaterThan = UInt8(ascii: ">")
        while let open = bytes[index...].firstIndex(of: lessThan) {
            index = open + 1
            guard index < end else { break }
            let first = bytes[index]
            if first == UInt8(ascii: "!") {
                // A comment or doctype: skip to its end.
                if bytes[index...].starts(with: "!--".utf8) {
                    index = Self.find("-->", in: bytes, from: index + 3) ?? end
                } else {
                    index = bytes[index...].firstIndex(of: greaterThan) ?? end
                }
                continue
            }
            guard Self.isLetter(first) else { continue }
            var cursor = index
            while cursor < end, Self.isNameByte(bytes[cursor]) { cursor += 1 }
            let name = bytes[index..<cursor]
            // Attributes, up to the closing `>`.
            while cursor < end, bytes[cursor] != greaterThan {
                let byte = bytes[cursor]
                if Self.isSpace(byte) || byte == UInt8(ascii: "/") { cursor += 1; continue }
                let attributeStart = cursor
                while cursor < end, !Self.isSpace(bytes[cursor]), bytes[cursor] != UInt8(ascii: "="),
                    bytes[cursor] != greaterThan
                { cursor += 1 }
                let attribute = bytes[attributeStart..<cursor]
                guard cursor < end, bytes[cursor] == UInt8(ascii: "=") else { continue }
                cursor += 1
                var valueStart = cursor, valueEnd = cursor
                if cursor < end, bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'") {
                    let quote = bytes[cursor]
                    valueStart = cursor + 1
                    valueEnd = bytes[valueStart...].firstIndex(of: quote) ?? end
                    cursor = min(valueEnd + 1, end)
                } else {
                    while cursor < end, !Self.isSpace(bytes[cursor]), bytes[cursor] != greaterThan { cursor += 1 }
                    valueEnd = cursor
                }
                let isID = Self.matches(attribute, "id") || (Self.matches(name, "a") && Self.matches(attribute, "name"))
                let isLink = !isID && Self.linkAttribute(tag: name, attribute: attribute)
                guard isID || isLink else { continue }
                let value = Self.decodeEntities(String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self))
                if isID {
                    ids.insert(value)
                } else {
                    links.append(Link(value: value, offset: valueStart - bytes.startIndex))
                }
            }
            index = cursor
            // Script and style contents are not markup.
            if Self.matches(name, "script") || Self.matches(name, "style") {
                index = Self.find(Self.matches(name, "script") ? "</script" : "</style", in: bytes, from: index) ?? end
            }
        }
    }

    private static func find(_ needle: String, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return nil }
        var position = start
        while let candidate = bytes[position...].firstIndex(of: first) {
            if bytes[candidate...].starts(with: pattern) { return candidate }
            position = candidate + 1
        }
        return nil
    }

    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    static func lowercase(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    static func isNameByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-")
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }

    /// The entities our escaping produces (`&quot; &#39; &lt; &gt; &amp;`), decoded in one pass
    /// over the bytes (Foundation's `replacingOccurrences` went through `NSString` five times
    /// for each link with a query string, such as every event page's map link).
    private static let entities: [(bytes: [UInt8], character: UInt8)] = [
        (Array("&quot;".utf8), UInt8(ascii: "\"")), (Array("&#39;".utf8), UInt8(ascii: "'")),
        (Array("&lt;".utf8), UInt8(ascii: "<")),
        (Array("&gt;".utf8), UInt8(ascii: ">")), (Array("&amp;".utf8), UInt8(ascii: "&")),
    ]

    static func decodeEntities(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        scanning: while index < bytes.count {
            if bytes[index] == UInt8(ascii: "&") {
                for entity in Self.entities where bytes[index...].starts(with: entity.bytes) {
                    result.append(entity.character)
                    index += entity.bytes.count
                    continue scanning
                }
            }
            result.append(bytes[index])
            index += 1
        }
        return String(decoding: result, as: UTF8.self)
    }
}
