import Foundation

/// The site as the preview server serves it, every file in memory.
///
/// `dossier serve` never writes to `Site/`, and a rebuild replaces the whole snapshot at once,
/// so the browser can never see a half-written site. The live-reload script is added to HTML
/// when it is served (`LiveReloadScript`), not stored here.
struct SiteSnapshot: Sendable {
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

    /// Writes `output` over this snapshot, and says which paths changed.
    ///
    /// Files equal to the ones they replace keep their dates. Files that `isInSite` accepts (the
    /// paths of the new site) and that are not in `output` stay as they were: an incremental
    /// rebuild renders only some pages, and any rebuild may keep the data downloads. Other files
    /// are removed. (Changed in place: the preview's snapshot holds every file of the site, and
    /// copying its 50,000 entries took a tenth of a rebuild.)
    mutating func update(
        with output: [OutputFile], isInSite: (String) -> Bool, buildID: String, now: Date = Date()
    ) -> Set<String> {
        self.buildID = buildID
        var changed = Set<String>()
        for file in output {
            if case .deferred = file.contents {
                // Not made until asked for, so not compared: counted as changed.
                files[file.path] = File(contents: file.contents, modified: now)
                changed.insert(file.path)
            } else {
                let data = file.data
                if let old = files[file.path], old.data == data { continue }
                files[file.path] = File(data: data, modified: now)
                changed.insert(file.path)
            }
            SitePaths.addFolders(of: file.path, to: &folders)
        }
        let removed = files.keys.filter { !isInSite($0) }
        if !removed.isEmpty {
            changed.formUnion(removed)
            for path in removed { files[path] = nil }
            // A folder may have emptied: count them again.
            folders = [""]
            for path in files.keys { SitePaths.addFolders(of: path, to: &folders) }
        }
        return changed
    }

    /// Replaces the files under `prefix` (a folder, `pagefind/`) by `files`, in place.
    mutating func replaceFiles(under prefix: String, with replacements: [String: Data], now: Date = Date()) {
        let stale = files.keys.filter { $0.hasPrefix(prefix) && replacements[$0] == nil }
        for path in stale { files[path] = nil }
        for (path, data) in replacements {
            if let old = files[path], old.data == data { continue }
            files[path] = File(data: data, modified: now)
            SitePaths.addFolders(of: path, to: &folders)
        }
    }
}
