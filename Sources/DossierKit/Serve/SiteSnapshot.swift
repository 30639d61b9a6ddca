import Foundation

/// The site as the preview server serves it, every file in memory.
///
/// `dossier serve` never writes to `Site/`, and a rebuild replaces the whole snapshot at once,
/// so the browser can never see a half-written site. The live-reload script is added to HTML
/// when it is served (`LiveReloadScript`), not stored here.
public struct SiteSnapshot: Sendable {
    public struct File: Sendable {
        public var data: Data
        /// When this file's content last changed, for `Last-Modified` and ETags: unchanged files
        /// keep their date across rebuilds, so conditional requests get 304s.
        public var modified: Date
    }

    public var files: [String: File]
    /// Every folder that holds a file (the root is ""), for `index.html` lookup and redirects.
    public var folders: Set<String>
    /// Identifies this build to open pages: `<server instance>-<generation>`.
    public var buildID: String

    public static let empty = SiteSnapshot(files: [:], folders: [""], buildID: "none")

    public init(files: [String: File], folders: Set<String>, buildID: String) {
        self.files = files
        self.folders = folders
        self.buildID = buildID
    }

    /// A snapshot of freshly rendered files; files equal to those in `previous` keep their dates.
    init(_ output: [OutputFile], previous: SiteSnapshot, buildID: String, now: Date = Date()) {
        var files: [String: File] = [:]
        var folders: Set<String> = [""]
        for file in output {
            let data: Data
            switch file.contents {
            case .text(let text): data = Data(text.utf8)
            case .data(let bytes): data = bytes
            case .copy(let url): data = (try? Data(contentsOf: url)) ?? Data()
            }
            var modified = now
            if let old = previous.files[file.path], old.data == data { modified = old.modified }
            files[file.path] = File(data: data, modified: modified)
            var folder = file.path
            while let slash = folder.lastIndex(of: "/") {
                folder = String(folder[..<slash])
                folders.insert(folder)
            }
        }
        self.init(files: files, folders: folders, buildID: buildID)
    }

    /// Paths whose content differs from `previous`: added, changed or removed.
    public func changedPaths(since previous: SiteSnapshot) -> Set<String> {
        var changed = Set<String>()
        for (path, file) in files where file.modified != previous.files[path]?.modified { changed.insert(path) }
        for path in previous.files.keys where files[path] == nil { changed.insert(path) }
        return changed
    }
}
