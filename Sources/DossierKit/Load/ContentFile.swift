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

    /// Regular files directly or deeply inside `folder` with one of the extensions (any file
    /// when `extensions` is nil), sorted by path. Hidden files and editor backups are skipped.
    static func list(_ folder: URL, extensions: Set<String>?) -> [URL] {
        listStamped(folder, extensions: extensions).map(\.url)
    }

    /// The files with the stamp `stat` gave while listing them (the parse cache compares it).
    static func listStamped(_ folder: URL, extensions: Set<String>?) -> [(url: URL, stamp: FileStamp)] {
        walk(folder.path)
            .filter { file in
                let name = fileName(file.path)
                return !name.hasSuffix("~") && extensions.map { $0.contains(fileExtension(name).lowercased()) } ?? true
            }
            .sorted { $0.path < $1.path }
            .map { (URL(fileURLWithPath: $0.path, isDirectory: false), $0.stamp) }
    }

    /// Every regular file under `base` with its stamp, in no particular order; hidden files and
    /// folders are skipped, and so are links to folders (a link could make a cycle). Paths
    /// rather than URLs, `readdir` rather than `FileManager`, and one `stat` per file: the preview
    /// lists the folders on every rebuild and its watcher ten times a second, and Foundation's
    /// enumerator costs several times more (it rewrites every path it returns through NSString).
    static func walk(_ base: String) -> [(path: String, stamp: FileStamp)] {
        var files: [(path: String, stamp: FileStamp)] = []
        var folders = [base]
        while let folder = folders.popLast() {
            guard let directory = opendir(folder) else { continue }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                // Also "." and "..".
                if name.hasPrefix(".") { continue }
                let path = folder + "/" + name
                let type = Int32(entry.pointee.d_type)
                if type == Int32(DT_DIR) || (type == Int32(DT_UNKNOWN) && FileStamp.isFolder(path)) {
                    folders.append(path)
                } else if let stamp = FileStamp.of(path) {
                    files.append((path, stamp))
                }
            }
        }
        return files
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
        if let size = FileStamp.of(url.path)?.size, size > largestFile {
            log.error(SourceLocation(file: display), "the file is \(size / (1024 * 1024)) MiB; Dossier reads content and template files of up to \(largestFile / (1024 * 1024)) MiB",
                      hint: "split it: events may be spread over several files in events/ (by year, say)")
            return nil
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            log.error(SourceLocation(file: display), "could not read the file")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            log.error(SourceLocation(file: display, line: 1), "the file is not valid UTF-8 text", hint: "save it with UTF-8 encoding")
            return nil
        }
        return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }

    static func readMarkdown(_ url: URL, display: String, log: DiagnosticLog) -> MarkdownDocument? {
        guard let text = readText(url, display: display, log: log) else { return nil }
        guard let document = FrontMatterDocument.split(text) else {
            log.error(SourceLocation(file: display, line: 1, column: 1), "the file has no front matter",
                      hint: "start it with a `---` line, the YAML fields (id, name, …), and another `---` line")
            return nil
        }
        guard let node = YAMLReader.parse(document.yaml, file: display, lineOffset: document.yamlLineOffset, log: log) else { return nil }
        let bodyLocation = SourceLocation(file: display, line: document.bodyFirstLine, column: 1)
        let body = TextSafety.cleaned(document.body, field: "the Markdown text", at: bodyLocation, log: log)
        return MarkdownDocument(
            stem: url.deletingPathExtension().lastPathComponent,
            frontMatter: node,
            body: MarkdownText(body, at: bodyLocation)
        )
    }
}
