import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decides whether `build` may replace its output folder, before anything is written.
///
/// `build` swaps a whole new site in for the old one, so whatever is in the output folder is
/// deleted. It may only ever be a folder Dossier can prove it wrote (`SiteManifest`), an empty one
/// or a missing one; never the content or theme folder, nor a folder holding or inside them.
struct OutputGuard {
    let output: URL
    let content: URL
    let templates: URL
    /// How a path is named in messages.
    let display: (URL) -> String

    private var name: String { SourceLocation.printable(display(output)) }
    private var location: SourceLocation { SourceLocation(file: name) }

    /// What the path itself is and where it lies: a file, a link, the report's own folders.
    func placementProblems() -> [Diagnostic] {
        var info = stat()
        if lstat(output.path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFLNK:
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: output.path)) ?? "?"
                return [
                    .error(
                        location,
                        "\(name) is a symbolic link (to \(target)); the build would replace the link, not the folder it points to",
                        hint: "give the folder itself: --output \(Self.resolved(output))")
                ]
            case S_IFDIR:
                break
            default:
                return [
                    .error(
                        location, "\(name) is a file, not a folder; the build would replace it with the site",
                        hint: "choose a folder for the site with --output, such as Site")
                ]
            }
        }
        let out = Self.resolved(output)
        for (folder, role) in [(content, "content folder"), (templates, "theme folder")] {
            let other = Self.resolved(folder)
            let relation: String
            if out == other {
                relation = "is the \(role)"
            } else if other.hasPrefix(out == "/" ? "/" : out + "/") {
                relation = "holds the \(role) \(display(folder))"
            } else if out.hasPrefix(other + "/") {
                relation = "is inside the \(role) \(display(folder))"
            } else {
                continue
            }
            return [
                .error(
                    location,
                    "the output folder \(name) \(relation); building there would replace or mix with your report",
                    hint: "build into a folder of its own: --output Site")
            ]
        }
        return []
    }

    /// What a check saw of the output: each folder's modification time. A folder's time changes
    /// when an entry is added to it, removed or renamed, so the check just before the swap
    /// reads again only the folders that changed since, not every folder of the site.
    struct Survey {
        var folderTimes: [String: FileStamp] = [:]
    }

    /// Whether the folder's present contents may be deleted: missing, empty, or all listed in its
    /// manifest; and whether they can be (every folder writable, so the old site can be removed).
    /// - Parameter survey: what an earlier check saw; only what changed since is read again.
    func ownershipProblems(since survey: Survey? = nil) -> (problems: [Diagnostic], survey: Survey) {
        var info = stat()
        var seen = Survey()
        guard lstat(output.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return ([], seen) }
        let entries: [(path: String, isFolder: Bool)]
        let checkedFolders: [String]
        if let survey {
            let changed = survey.folderTimes.keys.filter { Self.folderTime(output.path, $0) != survey.folderTimes[$0] }
            entries = Self.entries(of: output.path, in: changed, times: &seen.folderTimes) {
                survey.folderTimes[$0] == nil
            }
            checkedFolders = changed
        } else {
            entries = Self.entries(of: output.path, in: [""], times: &seen.folderTimes) { _ in true }
            checkedFolders = [""]
        }
        if let survey { seen.folderTimes.merge(survey.folderTimes) { new, _ in new } }
        let listed = SiteManifest.read(in: output)
        let others = entries.filter {
            !SiteWriter.preserved.contains($0.path.split(separator: "/").first.map(String.init) ?? "")
                && $0.path != SiteManifest.fileName
        }
        guard let listed else {
            if others.isEmpty { return ([], seen) }
            return (
                [
                    .error(
                        location,
                        "\(name) is not empty and was not built by Dossier (it has no \(SiteManifest.fileName)); the build would replace it",
                        hint:
                            "choose a new or empty folder with --output; if \(name) is a site an earlier Dossier (0.1) built, delete it yourself and build again"
                    )
                ], seen
            )
        }
        var folders = Set<String>()
        for path in listed { SitePaths.addFolders(of: path, to: &folders) }
        // A folder the manifest does not imply is reported once, not with everything inside it.
        var foreign: [String] = []
        var foreignFolders: [String] = []
        for entry in others.sorted(by: { $0.path < $1.path }) {
            if foreignFolders.contains(where: { entry.path.hasPrefix($0 + "/") }) { continue }
            if entry.isFolder {
                if !folders.contains(entry.path) {
                    foreignFolders.append(entry.path)
                    foreign.append(entry.path + "/")
                }
            } else if !listed.contains(entry.path) {
                foreign.append(entry.path)
            }
        }
        if !foreign.isEmpty {
            let shown =
                foreign.prefix(5).map(SourceLocation.printable).joined(separator: ", ")
                + (foreign.count > 5 ? " and \(foreign.count - 5) more" : "")
            return (
                [
                    .error(
                        location, "\(name) holds files Dossier did not write: \(shown); the build would delete them",
                        hint:
                            "move them out of \(name) (files to publish with the site belong in Content/static/), or build into another folder with --output"
                    )
                ], seen
            )
        }
        for folder in checkedFolders.map({ (path: $0, isFolder: true) }) + entries where folder.isFolder {
            let path = folder.path.isEmpty ? output.path : output.path + "/" + folder.path
            if access(path, W_OK | X_OK) != 0 {
                let shown = folder.path.isEmpty ? name : name + "/" + SourceLocation.printable(folder.path)
                return (
                    [
                        .error(
                            location, "\(name) cannot be replaced: \(String(cString: strerror(errno))) on \(shown)",
                            hint: "make it writable (chmod -R u+w \(name)), or build into another folder with --output")
                    ], seen
                )
            }
        }
        return ([], seen)
    }

    /// The entries of the folders `start` (relative to `base`; hidden ones too, links not
    /// followed), and of the sub-folders `descend` accepts, each folder's time recorded.
    static func entries(
        of base: String, in start: [String], times: inout [String: FileStamp],
        descend: (String) -> Bool
    ) -> [(path: String, isFolder: Bool)] {
        var result: [(path: String, isFolder: Bool)] = []
        var pending = start
        while let relative = pending.popLast() {
            guard let time = folderTime(base, relative),
                let directory = opendir(relative.isEmpty ? base : base + "/" + relative)
            else { continue }
            times[relative] = time
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = FileStamp.name(of: entry)
                if name == "." || name == ".." { continue }
                let path = relative.isEmpty ? name : relative + "/" + name
                if relative.isEmpty, SiteWriter.preserved.contains(name) {
                    result.append((path, false))
                    continue
                }
                let type = Int32(entry.pointee.d_type)
                let isFolder =
                    type == Int32(DT_DIR) || (type == Int32(DT_UNKNOWN) && FileStamp.isFolder(base + "/" + path))
                result.append((path, isFolder))
                if isFolder, descend(path) { pending.append(path) }
            }
        }
        return result
    }

    static func folderTime(_ base: String, _ relative: String) -> FileStamp? {
        FileStamp.ofFolder(relative.isEmpty ? base : base + "/" + relative)
    }

    /// The real path, links resolved; for a path that does not exist yet, its nearest existing
    /// parent resolved and the rest appended.
    static func resolved(_ url: URL) -> String {
        var existing = url.standardizedFileURL.path
        var rest: [String] = []
        while true {
            if let base = ContentFile.realPath(existing) {
                return rest.isEmpty ? base : (base == "/" ? "" : base) + "/" + rest.reversed().joined(separator: "/")
            }
            guard existing != "/", !existing.isEmpty else { return url.standardizedFileURL.path }
            rest.append((existing as NSString).lastPathComponent)
            existing = (existing as NSString).deletingLastPathComponent
        }
    }
}
