import Foundation

/// The site as the preview server serves it, every file in memory.
///
/// `dossier serve` never writes to `Site/`, and a rebuild replaces the whole snapshot at once,
/// so the browser can never see a half-written site. The live-reload script is added to HTML
/// when it is served (`LiveReloadScript`), not stored here.
public struct SiteSnapshot: Sendable {
    public struct File: Sendable {
        private var contents: OutputFile.Contents
        /// When this file's content last changed, for `Last-Modified` and ETags: unchanged files
        /// keep their date across rebuilds, so conditional requests get 304s.
        public var modified: Date

        public init(data: Data, modified: Date) {
            self.init(contents: .data(data), modified: modified)
        }

        init(contents: OutputFile.Contents, modified: Date) {
            self.contents = contents
            self.modified = modified
        }

        public var data: Data { contents.data }

        /// Whether it is made only when first asked for, and has not been yet.
        var isDeferred: Bool {
            if case .deferred = contents { return true }
            return false
        }
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

    /// This snapshot with `output` written over it, and which paths changed.
    ///
    /// Files equal to the ones they replace keep their dates. Files of `site` (every path of the
    /// new site) that are not in `output` stay as they were: an incremental rebuild renders only
    /// some pages, and any rebuild may keep the data downloads. Files outside `site` are removed.
    func updated(with output: [OutputFile], site: Set<String>, buildID: String, now: Date = Date()) -> (SiteSnapshot, changed: Set<String>) {
        var next = SiteSnapshot(files: files, folders: folders, buildID: buildID)
        var changed = Set<String>()
        for file in output {
            if case .deferred = file.contents {
                // Not made until asked for, so not compared: counted as changed.
                next.files[file.path] = File(contents: file.contents, modified: now)
                changed.insert(file.path)
            } else {
                let data = file.data
                if let old = files[file.path], old.data == data {
                    next.files[file.path] = old
                } else {
                    next.files[file.path] = File(data: data, modified: now)
                    changed.insert(file.path)
                }
            }
            SitePaths.addFolders(of: file.path, to: &next.folders)
        }
        let removed = files.keys.filter { !site.contains($0) }
        if !removed.isEmpty {
            changed.formUnion(removed)
            for path in removed { next.files[path] = nil }
            // A folder may have emptied: count them again.
            next.folders = [""]
            for path in next.files.keys { SitePaths.addFolders(of: path, to: &next.folders) }
        }
        return (next, changed)
    }

    /// This snapshot with the files under `prefix` (a folder, `pagefind/`) replaced by `files`.
    func replacingFiles(under prefix: String, with files: [String: Data], now: Date = Date()) -> SiteSnapshot {
        var next = self
        for path in next.files.keys where path.hasPrefix(prefix) && files[path] == nil { next.files[path] = nil }
        for (path, data) in files {
            if let old = next.files[path], old.data == data { continue }
            next.files[path] = File(data: data, modified: now)
            SitePaths.addFolders(of: path, to: &next.folders)
        }
        return next
    }

    /// This snapshot with the files under `prefix` taken from `other` instead.
    func keepingFiles(under prefix: String, of other: SiteSnapshot) -> SiteSnapshot {
        var next = self
        for path in next.files.keys where path.hasPrefix(prefix) && other.files[path] == nil { next.files[path] = nil }
        for (path, file) in other.files where path.hasPrefix(prefix) {
            next.files[path] = file
            SitePaths.addFolders(of: path, to: &next.folders)
        }
        return next
    }
}
