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
