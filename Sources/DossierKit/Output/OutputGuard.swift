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
                return [.error(location, "\(name) is a symbolic link (to \(target)); the build would replace the link, not the folder it points to",
                               hint: "give the folder itself: --output \(Self.resolved(output))")]
            case S_IFDIR:
                break
            default:
                return [.error(location, "\(name) is a file, not a folder; the build would replace it with the site",
                               hint: "choose a folder for the site with --output, such as Site")]
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
            return [.error(location, "the output folder \(name) \(relation); building there would replace or mix with your report",
                           hint: "build into a folder of its own: --output Site")]
        }
        return []
    }

    /// Whether the folder's present contents may be deleted: missing, empty, or all listed in its
    /// manifest; and whether they can be (every folder writable, so the old site can be removed).
    func ownershipProblems() -> [Diagnostic] {
        var info = stat()
        guard lstat(output.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return [] }
        let entries = Self.entries(of: output.path)
        let listed = SiteManifest.read(in: output)
        let others = entries.filter { !SiteWriter.preserved.contains($0.path.split(separator: "/").first.map(String.init) ?? "") && $0.path != SiteManifest.fileName }
        guard let listed else {
            if others.isEmpty { return [] }
            return [.error(location, "\(name) is not empty and was not built by Dossier (it has no \(SiteManifest.fileName)); the build would replace it",
                           hint: "choose a new or empty folder with --output; if \(name) is a site an earlier Dossier (0.1) built, delete it yourself and build again")]
        }
        var folders = Set<String>()
        for path in listed {
            var folder = Substring(path)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                folders.insert(String(folder))
            }
        }
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
            let shown = foreign.prefix(5).map(SourceLocation.printable).joined(separator: ", ") + (foreign.count > 5 ? " and \(foreign.count - 5) more" : "")
            return [.error(location, "\(name) holds files Dossier did not write: \(shown); the build would delete them",
                           hint: "move them out of \(name) (files to publish with the site belong in Content/static/), or build into another folder with --output")]
        }
        for entry in [(path: "", isFolder: true)] + entries where entry.isFolder {
            let path = entry.path.isEmpty ? output.path : output.path + "/" + entry.path
            if access(path, W_OK | X_OK) != 0 {
                let shown = entry.path.isEmpty ? name : name + "/" + SourceLocation.printable(entry.path)
                return [.error(location, "\(name) cannot be replaced: \(String(cString: strerror(errno))) on \(shown)",
                               hint: "make it writable (chmod -R u+w \(name)), or build into another folder with --output")]
            }
        }
        return []
    }

    /// Everything under `base` (hidden files too; links are not followed), relative to it.
    static func entries(of base: String) -> [(path: String, isFolder: Bool)] {
        var result: [(path: String, isFolder: Bool)] = []
        var pending = [""]
        while let relative = pending.popLast() {
            guard let directory = opendir(relative.isEmpty ? base : base + "/" + relative) else { continue }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name == "." || name == ".." { continue }
                let path = relative.isEmpty ? name : relative + "/" + name
                if relative.isEmpty, SiteWriter.preserved.contains(name) {
                    result.append((path, false))
                    continue
                }
                let type = Int32(entry.pointee.d_type)
                let isFolder = type == Int32(DT_DIR) || (type == Int32(DT_UNKNOWN) && FileStamp.isFolder(base + "/" + path))
                result.append((path, isFolder))
                if isFolder { pending.append(path) }
            }
        }
        return result
    }

    /// The real path, links resolved; for a path that does not exist yet, its nearest existing
    /// parent resolved and the rest appended.
    static func resolved(_ url: URL) -> String {
        var existing = url.standardizedFileURL.path
        var rest: [String] = []
        while true {
            if let real = realpath(existing, nil) {
                defer { free(real) }
                let base = String(cString: real)
                return rest.isEmpty ? base : (base == "/" ? "" : base) + "/" + rest.reversed().joined(separator: "/")
            }
            guard existing != "/", !existing.isEmpty else { return url.standardizedFileURL.path }
            rest.append((existing as NSString).lastPathComponent)
            existing = (existing as NSString).deletingLastPathComponent
        }
    }
}
