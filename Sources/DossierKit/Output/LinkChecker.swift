import Foundation

/// Checks the built site itself: every internal `href` and `src` must name a file of the site,
/// and every `#fragment` an element id on the page it points to.
///
/// Runs on the rendered pages in memory, before they are written, so a theme or content change
/// that would publish a broken link stops the build with the page, the line and the link.
struct LinkChecker {
    /// How output paths are named in messages (`Site/events/x/index.html`).
    let outputName: String

    func check(_ files: [OutputFile], log: DiagnosticLog) {
        let paths = Set(files.map(\.path))
        var pages: [String: HTMLScan] = [:]
        for file in files where file.path.hasSuffix(".html") {
            if case .text(let html) = file.contents { pages[file.path] = HTMLScan(html) }
        }
        // A broken link in a template breaks it on every page: report each problem once, at
        // its first page, with how many other pages share it.
        var problems: [String: (location: SourceLocation, message: String, count: Int)] = [:]
        func report(_ key: String, _ location: SourceLocation, _ message: String) {
            if let existing = problems[key] {
                problems[key] = (existing.location, existing.message, existing.count + 1)
            } else {
                problems[key] = (location, message, 1)
            }
        }
        for (path, scan) in pages.sorted(by: { $0.key < $1.key }) {
            for link in scan.links {
                guard let (target, fragment) = Self.resolve(link.value, from: path) else { continue }
                let location = SourceLocation(file: "\(outputName)/\(path)", line: link.line, column: link.column)
                if target.hasPrefix("../") || target == ".." {
                    report("outside \(link.value)", location, "the link `\(link.value)` points outside the site")
                    continue
                }
                let file = target.isEmpty || target.hasSuffix("/") ? target + "index.html" : target
                guard paths.contains(file) else {
                    report("missing \(file)", location, "the link `\(link.value)` points to `\(file)`, which the site does not contain")
                    continue
                }
                if let fragment, !fragment.isEmpty, let targetPage = pages[file], !targetPage.ids.contains(fragment) {
                    let key = file == path ? "fragment #\(fragment)" : "fragment \(file)#\(fragment)"
                    report(key, location, "the link `\(link.value)` points to `#\(fragment)`, but `\(file)` has no element with that id")
                }
            }
        }
        for problem in problems.values {
            let others = problem.count - 1
            let suffix = others == 0 ? "" : " (and on \(others) other page\(others == 1 ? "" : "s"))"
            log.error(problem.location, problem.message + suffix, hint: "fix the link in the template or content that produces it")
        }
    }

    /// The site path a link leads to from `page`, with its fragment; nil for links leaving the site.
    static func resolve(_ link: String, from page: String) -> (String, String?)? {
        let lowered = link.lowercased()
        if lowered.hasPrefix("//") { return nil }
        if let colon = lowered.firstIndex(of: ":"), lowered[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) {
            return nil
        }
        var target = link
        var fragment: String?
        if let hash = target.firstIndex(of: "#") {
            fragment = String(target[target.index(after: hash)...]).removingPercentEncoding
            target = String(target[..<hash])
        }
        if let query = target.firstIndex(of: "?") { target = String(target[..<query]) }
        target = target.removingPercentEncoding ?? target
        if target.isEmpty { return (page, fragment) }
        var parts = target.hasPrefix("/") ? [] : page.split(separator: "/").dropLast().map(String.init)
        var escaped = false
        for part in target.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if parts.isEmpty { escaped = true } else { parts.removeLast() }
            default: parts.append(String(part))
            }
        }
        if escaped { return ("../" + target, fragment) }
        return (parts.joined(separator: "/") + (target.hasSuffix("/") ? "/" : ""), fragment)
    }
}

/// The links and ids of one HTML page, with their line and column.
///
/// Not a general HTML parser (no dependency available here provides one): it walks tags and
/// their attributes, skipping comments and the contents of `<script>` and `<style>`, which is
/// all the link check needs.
struct HTMLScan {
    struct Attribute {
        var value: String
        var line: Int
        var column: Int
    }

    var links: [Attribute] = []
    var ids: Set<String> = []

    static let linkAttributes: [String: Set<String>] = [
        "a": ["href"], "link": ["href"], "area": ["href"], "img": ["src"], "script": ["src"],
        "iframe": ["src"], "source": ["src"], "video": ["src", "poster"], "audio": ["src"], "embed": ["src"],
    ]

    init(_ html: String) {
        let bytes = Array(html.utf8)
        var index = 0, line = 1, lineStart = 0
        func advance(to end: Int) {
            while index < end && index < bytes.count {
                if bytes[index] == UInt8(ascii: "\n") { line += 1; lineStart = index + 1 }
                index += 1
            }
        }
        func find(_ needle: [UInt8], from start: Int) -> Int? {
            guard needle.count <= bytes.count else { return nil }
            var position = start
            while position + needle.count <= bytes.count {
                if bytes[position] == needle[0], bytes[position..<position + needle.count].elementsEqual(needle) { return position }
                position += 1
            }
            return nil
        }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else { advance(to: index + 1); continue }
            if bytes[index...].starts(with: Array("<!--".utf8)) {
                advance(to: (find(Array("-->".utf8), from: index + 4) ?? bytes.count) + 3)
                continue
            }
            // Tag name.
            var cursor = index + 1
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "/") || bytes[cursor] == UInt8(ascii: "!") {
                advance(to: (find(Array(">".utf8), from: cursor) ?? bytes.count) + 1)
                continue
            }
            let nameStart = cursor
            while cursor < bytes.count, Self.isNameByte(bytes[cursor]) { cursor += 1 }
            let name = String(decoding: bytes[nameStart..<cursor], as: UTF8.self).lowercased()
            if name.isEmpty { advance(to: index + 1); continue }
            advance(to: cursor)
            // Attributes, up to the closing `>`.
            while index < bytes.count, bytes[index] != UInt8(ascii: ">") {
                if Self.isSpace(bytes[index]) || bytes[index] == UInt8(ascii: "/") { advance(to: index + 1); continue }
                let attributeStart = index
                while index < bytes.count, !Self.isSpace(bytes[index]), bytes[index] != UInt8(ascii: "="), bytes[index] != UInt8(ascii: ">") { index += 1 }
                let attribute = String(decoding: bytes[attributeStart..<index], as: UTF8.self).lowercased()
                var value: String?
                var valueLine = line, valueColumn = 0
                if index < bytes.count, bytes[index] == UInt8(ascii: "=") {
                    index += 1
                    valueLine = line
                    valueColumn = index - lineStart + 1
                    if index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                        let quote = bytes[index]
                        let end = bytes[(index + 1)...].firstIndex(of: quote) ?? bytes.count
                        value = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
                        advance(to: min(end + 1, bytes.count))
                    } else {
                        let start = index
                        while index < bytes.count, !Self.isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
                        value = String(decoding: bytes[start..<index], as: UTF8.self)
                    }
                }
                guard let value else { continue }
                let decoded = Self.decodeEntities(value)
                if attribute == "id" || (name == "a" && attribute == "name") { ids.insert(decoded) }
                if Self.linkAttributes[name]?.contains(attribute) == true {
                    links.append(Attribute(value: decoded, line: valueLine, column: valueColumn))
                }
            }
            advance(to: index + 1)
            // Script and style contents are not markup.
            if name == "script" || name == "style" {
                let closing = Array("</\(name)".utf8)
                advance(to: find(closing, from: index) ?? bytes.count)
            }
        }
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-")
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }

    /// The entities our escaping produces, and numeric ones.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = text
        for (entity, character) in [("&quot;", "\""), ("&#39;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")] {
            result = result.replacingOccurrences(of: entity, with: character)
        }
        return result
    }
}
