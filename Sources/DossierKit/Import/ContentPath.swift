import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The paths an import may write in a content folder, and the proof that one stays inside it.
///
/// An import turns ids it reads (an actor's, a page linked from a summary) into file names, so a
/// path is accepted only in one of the shapes an import writes, each part an id
/// (`Identifier`): `site.yaml`, `actors/<id>.md`, `topics/<id>.md`, `pages/<id>.md`,
/// `events/<format>/<YYYY-MM or YYYY>.yaml` and `events/<format>/.dossier-import.json`, and their
/// folders. `problem(onDisk:in:)` then proves, before anything is written, that the file's folder
/// is inside the content folder once links are resolved and that the file is not itself a link.
enum ContentPath {
    /// Why an import may not write `path` (relative to the content folder), or nil.
    static func problem(with path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        func id(_ part: String, dropping suffix: String) -> Bool {
            part.hasSuffix(suffix) && Identifier.problem(with: String(part.dropLast(suffix.count))) == nil
        }
        func period(_ name: String) -> Bool {
            guard name.hasSuffix(".yaml") else { return false }
            let stem = name.dropLast(5).utf8
            let digits = { (part: Substring.UTF8View.SubSequence) in part.allSatisfy { (48...57).contains($0) } }
            if stem.count == 4 { return digits(stem[...]) }
            return stem.count == 7 && digits(stem.prefix(4)) && stem.dropFirst(4).first == UInt8(ascii: "-")
                && digits(stem.suffix(2))
        }
        let formats = Set(Importer.Format.allCases.map(\.rawValue))
        switch parts.count {
        case 1 where parts[0] == "site.yaml" || ["actors", "topics", "pages", "events"].contains(parts[0]):
            return nil
        case 2 where ["actors", "topics", "pages"].contains(parts[0]) && id(parts[1], dropping: ".md"):
            return nil
        case 2 where parts[0] == "events" && formats.contains(parts[1]):
            return nil
        case 3
        where parts[0] == "events" && formats.contains(parts[1])
            && (period(parts[2]) || parts[2] == ".dossier-import.json"):
            return nil
        default:
            let shown = path.unicodeScalars.map {
                $0.properties.generalCategory == .control ? "\\u{\(String($0.value, radix: 16))}" : String($0)
            }.joined()
            return
                "`\(shown)` is not a path an import writes (site.yaml, actors/ID.md, topics/ID.md, pages/ID.md, events/FORMAT/YYYY-MM.yaml; an id holds only a–z, 0–9 and single hyphens)"
        }
    }

    /// Why writing `path` would reach outside `content` or through a link, or nil: its nearest
    /// folder that exists must be inside the content folder with every link resolved, and the file
    /// itself, when it exists, a regular file.
    static func problem(onDisk path: String, in content: URL) -> String? {
        guard let root = ContentFile.realPath(content.path) else { return "the content folder cannot be read" }
        var info = stat()
        let full = content.appendingPathComponent(path).path
        if lstat(full, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG, (info.st_mode & S_IFMT) != S_IFDIR {
            return (info.st_mode & S_IFMT) == S_IFLNK
                ? "it is a link; an import replaces files, not links (put the file itself there)" : "it is not a file"
        }
        var folder = (full as NSString).deletingLastPathComponent
        while ContentFile.realPath(folder) == nil, folder.count > content.path.count {
            folder = (folder as NSString).deletingLastPathComponent
        }
        guard let real = ContentFile.realPath(folder), real == root || real.hasPrefix(root == "/" ? "/" : root + "/")
        else {
            return "its folder leads outside the content folder (through a link)"
        }
        return nil
    }
}
