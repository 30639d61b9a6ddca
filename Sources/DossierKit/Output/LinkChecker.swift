import Foundation

/// Checks the built site itself: every internal `href` and `src` must name a file of the site,
/// and every `#fragment` an element id on the page it points to.
///
/// Pages are checked one by one as they are rendered (on any thread), before anything is
/// published: a link that leaves the site or names a missing file is settled at once, a link to
/// another page's fragment once every page's ids are known. A broken link in a template breaks
/// it on every page, so each problem is reported once, at its first page (in path order), with
/// how many other pages share it.
final class LinkChecker: @unchecked Sendable {
    /// How output paths are named in messages (`Site/events/x/index.html`).
    let outputName: String
    /// Every file the site will contain.
    let paths: Set<String>

    private struct Problem {
        var location: SourceLocation
        var message: String
        var count: Int
    }

    private struct PendingFragment {
        var target: String
        var fragment: String
        var link: String
        var location: SourceLocation
    }

    private var problems: [String: Problem] = [:]
    private var ids: [String: Set<String>] = [:]
    private var pending: [PendingFragment] = []
    private let lock = NSLock()

    init(outputName: String, paths: Set<String>) {
        self.outputName = outputName
        self.paths = paths
    }

    /// Checks one rendered page.
    func check(page path: String, html: String) {
        var scan = HTMLScan()
        scan.run(html)
        var found: [(key: String, offset: Int, message: String)] = []
        var fragments: [PendingFragment] = []
        for link in scan.links {
            guard let (target, fragment) = Self.resolve(link.value, from: path) else { continue }
            if target.hasPrefix("../") || target == ".." {
                found.append(("outside \(link.value)", link.offset, "the link `\(link.value)` points outside the site"))
                continue
            }
            let file = target.isEmpty || target.hasSuffix("/") ? target + "index.html" : target
            guard paths.contains(file) else {
                found.append(("missing \(file)", link.offset, "the link `\(link.value)` points to `\(file)`, which the site does not contain"))
                continue
            }
            guard let fragment, !fragment.isEmpty, file.hasSuffix(".html") else { continue }
            if file == path {
                if !scan.ids.contains(fragment) {
                    found.append(("fragment #\(fragment)", link.offset, "the link `\(link.value)` points to `#\(fragment)`, but `\(file)` has no element with that id"))
                }
            } else {
                fragments.append(PendingFragment(target: file, fragment: fragment, link: link.value, location: location(path, html, link.offset)))
            }
        }
        let located = found.map { ($0.key, location(path, html, $0.offset), $0.message) }
        lock.lock()
        defer { lock.unlock() }
        ids[path] = scan.ids
        pending += fragments
        for (key, location, message) in located { record(key, location, message) }
    }

    /// Settles the links to other pages' fragments and reports every problem.
    func finish(log: DiagnosticLog) {
        lock.lock()
        defer { lock.unlock() }
        for link in pending where ids[link.target].map({ !$0.contains(link.fragment) }) ?? false {
            record("fragment \(link.target)#\(link.fragment)", link.location,
                   "the link `\(link.link)` points to `#\(link.fragment)`, but `\(link.target)` has no element with that id")
        }
        pending = []
        for problem in problems.values {
            let others = problem.count - 1
            let suffix = others == 0 ? "" : " (and on \(others) other page\(others == 1 ? "" : "s"))"
            log.error(problem.location, problem.message + suffix, hint: "fix the link in the template or content that produces it")
        }
    }

    /// Keeps the first location in path order, whatever order the pages were checked in.
    private func record(_ key: String, _ location: SourceLocation, _ message: String) {
        if var existing = problems[key] {
            existing.count += 1
            if location < existing.location {
                existing.location = location
                existing.message = message
            }
            problems[key] = existing
        } else {
            problems[key] = Problem(location: location, message: message, count: 1)
        }
    }

    /// Line and column of a byte offset, computed only for links that are reported.
    private func location(_ path: String, _ html: String, _ offset: Int) -> SourceLocation {
        var line = 1, column = 1
        for byte in html.utf8.prefix(offset) {
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return SourceLocation(file: "\(outputName)/\(path)", line: line, column: column)
    }

    /// The site path a link leads to from `page`, with its fragment; nil for links leaving the site.
    static func resolve(_ link: String, from page: String) -> (String, String?)? {
        if link.hasPrefix("//") { return nil }
        if let colon = link.firstIndex(of: ":"), link[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) {
            return nil
        }
        var target = link
        var fragment: String?
        if let hash = target.firstIndex(of: "#") {
            fragment = String(target[target.index(after: hash)...]).removingPercentEncoding
            target = String(target[..<hash])
        }
        if let query = target.firstIndex(of: "?") { target = String(target[..<query]) }
        if target.contains("%") { target = target.removingPercentEncoding ?? target }
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
    static func linkAttribute(tag: Slice<UnsafeBufferPointer<UInt8>>, attribute: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        switch attribute.count {
        case 4: return matches(attribute, "href") && (matches(tag, "a") || matches(tag, "link") || matches(tag, "area"))
        case 3: return matches(attribute, "src") && ["img", "script", "iframe", "source", "video", "audio", "embed"].contains { matches(tag, $0) }
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
                while cursor < end, !Self.isSpace(bytes[cursor]), bytes[cursor] != UInt8(ascii: "="), bytes[cursor] != greaterThan { cursor += 1 }
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
                if isID { ids.insert(value) } else { links.append(Link(value: value, offset: valueStart - bytes.startIndex)) }
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
