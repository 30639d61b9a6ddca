import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading files from the content folder, in a fixed order so builds are deterministic.
enum ContentFile {
    struct MarkdownDocument {
        var stem: String
        var frontMatter: DataNode
        var body: MarkdownText
    }

    /// A file found by `walk`: `path` is where it is listed (under the folder walked), `source`
    /// where its bytes are (the same, or the real path a link inside the report leads to).
    struct Found: Sendable {
        var path: String
        var source: String
        var stamp: FileStamp
    }

    /// Something `walk` did not list, and why: a report must say so rather than drop it silently.
    struct Skipped: Sendable, Equatable {
        enum Reason: Sendable, Equatable {
            /// A link to something outside the folder the report may read (it could publish `/etc/passwd`).
            case outside(target: String)
            /// A link to nothing.
            case dangling(target: String)
            /// A link back to a folder already read (a loop, or the same folder twice).
            case loop(target: String)
            /// Links that lead to each other and never to a file (`a -> b`, `b -> a`).
            case linkCycle(target: String)
            /// A named pipe, socket or device: reading one could block forever.
            case notAFile(kind: String)
        }
        var path: String
        var reason: Reason

        var isError: Bool {
            switch reason {
            case .outside, .dangling: return true
            case .loop, .linkCycle, .notAFile: return false
            }
        }

        /// The diagnostic, with the path as messages show it.
        func diagnostic(shownAs name: String, root: String) -> Diagnostic {
            let here = SourceLocation(file: name)
            switch reason {
            case .outside(let target):
                return .error(
                    here,
                    "this is a link to \(target), outside \(root); links out of the report are not followed, so it is not published",
                    hint: "copy the file into \(root) instead of linking to it")
            case .dangling(let target):
                return .error(
                    here, "this is a link to \(target), which does not exist",
                    hint: "remove the link, or restore what it points to")
            case .loop(let target):
                return .warning(
                    here, "this link leads to a folder already read (\(target)); it is skipped",
                    hint: "remove the link: each folder is read once")
            case .linkCycle(let target):
                return .warning(
                    here,
                    "this link leads to \(target), whose links lead back to it and never to a file; it is skipped",
                    hint: "remove the links, or point one at a file")
            case .notAFile(let kind):
                return .warning(
                    here, "this is \(kind), not a file; it is skipped",
                    hint: "content folders hold only files and folders")
            }
        }
    }

    /// Regular files directly or deeply inside `folder` with one of the extensions (any file
    /// when `extensions` is nil), sorted by path. Hidden files and editor backups are skipped.
    static func list(_ folder: URL, extensions: Set<String>?, within root: URL? = nil) -> [URL] {
        listStamped(folder, extensions: extensions, within: root).files.map(\.url)
    }

    /// The files with the stamp `stat` gave while listing them (the parse cache compares it),
    /// where their bytes are, and what was skipped (for the extensions asked for, and folders).
    static func listStamped(
        _ folder: URL, extensions: Set<String>?, within root: URL? = nil
    )
        -> (files: [(url: URL, source: URL, stamp: FileStamp)], skipped: [Skipped])
    {
        func wanted(_ path: String) -> Bool {
            let name = fileName(path)
            return !name.hasSuffix("~") && extensions.map { $0.contains(fileExtension(name).lowercased()) } ?? true
        }
        let (found, skipped) = walk(folder.path, within: (root ?? folder).path)
        let files =
            found
            .filter { wanted($0.path) }
            .sorted { $0.path < $1.path }
            .map {
                (
                    URL(fileURLWithPath: $0.path, isDirectory: false),
                    URL(fileURLWithPath: $0.source, isDirectory: false), $0.stamp
                )
            }
        let reported = skipped.filter { skip in
            if case .loop = skip.reason { return true }
            if case .linkCycle = skip.reason { return true }
            return wanted(skip.path) || FileStamp.isFolderFollowingLinks(skip.path)
        }
        return (files, reported.sorted { $0.path < $1.path })
    }

    /// Every regular file under `base` with its stamp, in no particular order, and what was
    /// skipped. Hidden files and folders are skipped. A link is followed when what it leads to
    /// is inside `root` (the content or theme folder): a link to a file is listed under its own
    /// name, a link to a folder is walked unless that folder was read already (a loop). Paths
    /// rather than URLs, `readdir` rather than `FileManager`, and one `stat` per file: the preview
    /// lists the folders on every rebuild and its watcher ten times a second, and Foundation's
    /// enumerator costs several times more (it rewrites every path it returns through NSString).
    static func walk(_ base: String, within root: String? = nil) -> (files: [Found], skipped: [Skipped]) {
        var files: [Found] = []
        var skipped: [Skipped] = []
        let rootPath = realPath(root ?? base) ?? (root ?? base)
        var visited = Set<UInt64>()
        var info = stat()
        guard stat(base, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return ([], []) }
        // `static/` itself may be a link out of the report.
        if let real = realPath(base), !(real == rootPath || real.hasPrefix(rootPath == "/" ? "/" : rootPath + "/")) {
            return ([], [Skipped(path: base, reason: .outside(target: real))])
        }
        // The folders from `base` up to `root` count as read: a link to one of them is a loop.
        var ancestor = base
        for _ in 0..<64 where stat(ancestor, &info) == 0 {
            visited.insert(UInt64(info.st_ino))
            if realPath(ancestor) == rootPath || ancestor == "/" || ancestor.isEmpty { break }
            ancestor = (ancestor as NSString).deletingLastPathComponent
        }
        var folders = [base]
        while let folder = folders.popLast() {
            guard let directory = opendir(folder) else { continue }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = FileStamp.name(of: entry)
                // Also "." and "..".
                if name.hasPrefix(".") { continue }
                let path = folder + "/" + name
                var type = Int32(entry.pointee.d_type)
                if type == Int32(DT_UNKNOWN) { type = FileStamp.entryType(path) }
                switch type {
                case Int32(DT_DIR):
                    if visited.insert(UInt64(entry.pointee.d_ino)).inserted { folders.append(path) }
                case Int32(DT_REG):
                    if let stamp = FileStamp.of(path) { files.append(Found(path: path, source: path, stamp: stamp)) }
                case Int32(DT_LNK):
                    let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
                    guard let real = realPath(path) else {
                        // Links that lead to each other (`a -> b`, `b -> a`) are a loop, not a link to nothing.
                        skipped.append(
                            Skipped(
                                path: path,
                                reason: errno == ELOOP ? .linkCycle(target: target) : .dangling(target: target)))
                        continue
                    }
                    guard real == rootPath || real.hasPrefix(rootPath == "/" ? "/" : rootPath + "/") else {
                        skipped.append(Skipped(path: path, reason: .outside(target: real)))
                        continue
                    }
                    guard stat(real, &info) == 0 else {
                        skipped.append(Skipped(path: path, reason: .dangling(target: target)))
                        continue
                    }
                    switch info.st_mode & S_IFMT {
                    case S_IFDIR:
                        if visited.insert(UInt64(info.st_ino)).inserted {
                            folders.append(path)
                        } else {
                            skipped.append(Skipped(path: path, reason: .loop(target: target)))
                        }
                    case S_IFREG:
                        if let stamp = FileStamp.of(real) {
                            files.append(Found(path: path, source: real, stamp: stamp))
                        }
                    default:
                        skipped.append(Skipped(path: path, reason: .notAFile(kind: FileStamp.kindName(info.st_mode))))
                    }
                default:
                    var own = stat()
                    lstat(path, &own)
                    skipped.append(Skipped(path: path, reason: .notAFile(kind: FileStamp.kindName(own.st_mode))))
                }
            }
        }
        return (files, skipped)
    }

    /// The path with every link resolved, or nil when it leads nowhere.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The last component of a path.
    static func fileName(_ path: String) -> Substring {
        path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path[path.index(after: $0)...] } ?? path[...]
    }

    /// What follows the last dot of a file name ("" for none), like `URL.pathExtension`.
    static func fileExtension(_ name: Substring) -> Substring {
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...]
    }

    static func relativePath(of url: URL, in folder: URL) -> String {
        let base = folder.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : url.lastPathComponent
    }

    /// The largest content or template file Dossier reads: parsing holds several copies of a
    /// file in memory, so a runaway file (a log, a dump) must not be read at all. A report of
    /// 50,000 events split by year stays far below it.
    static let largestFile = 100 * 1024 * 1024

    static func readText(_ url: URL, display: String, log: DiagnosticLog) -> String? {
        guard let text = read(url, display: display, log: log)?.text else { return nil }
        return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }

    /// The file's bytes and their text, read once, when it is UTF-8 text of at most `largestFile`
    /// (an import compares the bytes with the file's when it writes it); nil with a located error.
    static func read(_ url: URL, display: String, log: DiagnosticLog) -> (data: Data, text: String)? {
        if let size = FileStamp.of(url.path)?.size, size > largestFile {
            log.error(
                SourceLocation(file: display),
                "the file is \(size / (1024 * 1024)) MiB; Dossier reads content and template files of up to \(largestFile / (1024 * 1024)) MiB",
                hint: "split it: events may be spread over several files in events/ (by year, say)")
            return nil
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            // Foundation does not say why; the system does.
            let descriptor = open(url.path, O_RDONLY | O_NONBLOCK)
            let reason = descriptor < 0 ? String(cString: strerror(errno)) : "the read failed"
            if descriptor >= 0 { close(descriptor) }
            log.error(
                SourceLocation(file: display), "could not read the file: \(reason)",
                hint: "check that you may read it (ls -l shows its permissions)")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            log.error(
                SourceLocation(file: display, line: 1), "the file is not valid UTF-8 text",
                hint: "save it with UTF-8 encoding")
            return nil
        }
        return (data, text)
    }

    /// - Parameter text: the file's text when it is already known (an import's new file).
    static func readMarkdown(
        _ url: URL, display: String, log: DiagnosticLog, text known: String? = nil
    ) -> MarkdownDocument? {
        guard let text = known ?? readText(url, display: display, log: log) else { return nil }
        guard let document = FrontMatterDocument.split(text) else {
            log.error(
                SourceLocation(file: display, line: 1, column: 1), "the file has no front matter",
                hint: "start it with a `---` line, the YAML fields (id, name, …), and another `---` line")
            return nil
        }
        guard let node = YAMLReader.parse(document.yaml, file: display, lineOffset: document.yamlLineOffset, log: log)
        else { return nil }
        let bodyLocation = SourceLocation(file: display, line: document.bodyFirstLine, column: 1)
        let body = TextSafety.cleaned(document.body, field: "the Markdown text", at: bodyLocation, log: log)
        return MarkdownDocument(
            stem: url.deletingPathExtension().lastPathComponent,
            frontMatter: node,
            body: MarkdownText(body, at: bodyLocation)
        )
    }
}
