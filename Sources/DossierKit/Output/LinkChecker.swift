import Foundation
import NIOConcurrencyHelpers

/// Checks the built site itself: every internal `href` and `src` must name a file of the site,
/// and every `#fragment` an element id on the page it points to.
///
/// Pages are checked one by one as they are rendered (on any thread), before anything is
/// published: a link that leaves the site or names a missing file is settled at once, a link to
/// another page's fragment once every page's ids are known. A broken link in a template breaks
/// it on every page, so each problem is reported once, at its first page (in path order), with
/// how many other pages share it.
final class LinkChecker: Sendable {
    /// How output paths are named in messages (`Site/events/x/index.html`).
    let outputName: String
    /// Every file the site will contain.
    let paths: Set<String>
    /// The base URL's path (`/sub/`, `SitePaths.basePath`): a link that starts with it leads
    /// into the site (the 404 page's links do).
    let basePath: String?

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

    /// What the pages checked so far found, under one lock (pages are checked on every core).
    private struct Findings {
        var problems: [String: Problem] = [:]
        var ids: [String: Set<String>] = [:]
        var pending: [PendingFragment] = []

        /// Keeps the first location in path order, whatever order the pages were checked in.
        mutating func record(_ key: String, _ location: SourceLocation, _ message: String) {
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
    }

    private let findings = NIOLockedValueBox(Findings())

    init(outputName: String, paths: Set<String>, basePath: String? = nil) {
        self.outputName = outputName
        self.paths = paths
        self.basePath = basePath == "/" ? nil : basePath
    }

    /// Checks one rendered page.
    func check(page path: String, html: String) {
        var scan = HTMLScan()
        scan.run(html)
        let depth = Self.depth(of: path)
        var found: [(key: String, offset: Int, message: String)] = []
        var fragments: [PendingFragment] = []
        for link in scan.links {
            // An empty link leads back to the page itself: in generated HTML it means the value a
            // template put there was missing (a field that is empty for this page).
            if link.value.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A }) {
                found.append(
                    (
                        "empty link", link.offset,
                        "an empty link (`href=\"\"` or `src=\"\"`): the value the template put there is empty on this page"
                    ))
                continue
            }
            var value = link.value
            if let basePath, value.hasPrefix(basePath) { value = "/" + value.dropFirst(basePath.count) }
            guard let (target, fragment) = Self.resolve(value, from: path, depth: depth) else { continue }
            if target.hasPrefix("../") || target == ".." {
                found.append(("outside \(link.value)", link.offset, "the link `\(link.value)` points outside the site"))
                continue
            }
            let file = target.isEmpty || target.hasSuffix("/") ? target + "index.html" : target
            guard paths.contains(file) else {
                found.append(
                    (
                        "missing \(file)", link.offset,
                        "the link `\(link.value)` points to `\(file)`, which the site does not contain"
                    ))
                continue
            }
            guard let fragment, !fragment.isEmpty, file.hasSuffix(".html") else { continue }
            if file == path {
                if !scan.ids.contains(fragment) {
                    found.append(
                        (
                            "fragment #\(fragment)", link.offset,
                            "the link `\(link.value)` points to `#\(fragment)`, but `\(file)` has no element with that id"
                        ))
                }
            } else {
                fragments.append(
                    PendingFragment(
                        target: file, fragment: fragment, link: link.value, location: location(path, html, link.offset))
                )
            }
        }
        let located = found.map { ($0.key, location(path, html, $0.offset), $0.message) }
        findings.withLockedValue { findings in
            findings.ids[path] = scan.ids
            findings.pending += fragments
            for (key, location, message) in located { findings.record(key, location, message) }
        }
    }

    /// Settles the links to other pages' fragments and reports every problem.
    func finish(log: DiagnosticLog) {
        let problems = findings.withLockedValue { findings in
            for link in findings.pending where findings.ids[link.target].map({ !$0.contains(link.fragment) }) ?? false {
                findings.record(
                    "fragment \(link.target)#\(link.fragment)", link.location,
                    "the link `\(link.link)` points to `#\(link.fragment)`, but `\(link.target)` has no element with that id"
                )
            }
            findings.pending = []
            return findings.problems
        }
        for problem in problems.values {
            let others = problem.count - 1
            let suffix = others == 0 ? "" : " (and on \(others) other page\(others == 1 ? "" : "s"))"
            log.error(
                problem.location, problem.message + suffix,
                hint: "fix the link in the template or content that produces it")
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
    ///
    /// Every link of every page comes through here (about 60 per page), so it works on UTF-8
    /// bytes and slices rather than `Character`s.
    static func resolve(_ link: String, from page: String, depth: Int? = nil) -> (String, String?)? {
        let bytes = link.utf8
        let slash = UInt8(ascii: "/")
        if bytes.starts(with: "//".utf8) { return nil }
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")), link[..<colon].utf8.allSatisfy(isSchemeByte) {
            return nil
        }
        if let target = climbingToRoot(link, depth: depth ?? Self.depth(of: page)) { return (target, nil) }
        var target = Substring(link)
        var fragment: String?
        if let hash = bytes.firstIndex(of: UInt8(ascii: "#")) {
            fragment = String(link[link.utf8.index(after: hash)...]).removingPercentEncoding
            target = link[..<hash]
        }
        if let query = target.utf8.firstIndex(of: UInt8(ascii: "?")) { target = target[..<query] }
        if target.utf8.contains(UInt8(ascii: "%")) {
            target = Substring(target.removingPercentEncoding ?? String(target))
        }
        if target.isEmpty { return (page, fragment) }
        var parts: [Substring] = []
        if target.utf8.first != slash {
            parts = page.utf8.split(separator: slash).dropLast().map { Substring($0) }
        }
        var escaped = false
        for part in target.utf8.split(separator: slash) {
            if part.elementsEqual(".".utf8) { continue }
            if part.elementsEqual("..".utf8) {
                if parts.isEmpty { escaped = true } else { parts.removeLast() }
            } else {
                parts.append(Substring(part))
            }
        }
        if escaped { return ("../" + target, fragment) }
        return (parts.joined(separator: "/") + (target.utf8.last == slash ? "/" : ""), fragment)
    }

    /// The common case, without splitting: a link that climbs exactly to the site root from the
    /// page's folder (`../../actors/a/index.html` from `events/x/index.html`), followed by a
    /// plain path (no `.` or `..` segments, query, fragment, escapes or doubled slashes).
    private static func climbingToRoot(_ link: String, depth: Int) -> String? {
        let slash = UInt8(ascii: "/")
        var rest = link.utf8[...]
        for _ in 0..<depth {
            guard rest.starts(with: "../".utf8) else { return nil }
            rest = rest.dropFirst(3)
        }
        guard let first = rest.first, first != slash, first != UInt8(ascii: ".") else { return nil }
        var previous: UInt8 = 0
        for byte in rest {
            switch byte {
            case UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "%"), UInt8(ascii: ":"): return nil
            case UInt8(ascii: "."): if previous == slash { return nil }
            case slash: if previous == slash { return nil }
            default: break
            }
            previous = byte
        }
        return String(Substring(rest))
    }

    /// How many folders down from the site's root a page is (`events/x/index.html`: 2).
    static func depth(of page: String) -> Int {
        page.utf8.reduce(0) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 }
    }

    /// Letters, digits and `+-.` may form a URL scheme; non-ASCII bytes are letters too, as in
    /// `Character.isLetter`, so a link like `café:x` counts as having a scheme.
    private static func isSchemeByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || HTMLScan.isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }
}
