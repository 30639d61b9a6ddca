import Foundation

/// The file `build` writes into every site it makes, listing every file it wrote.
///
/// It is how a build proves that the folder it is about to replace is its own: a folder is
/// replaced only when it is missing, empty, or holds nothing but the files its manifest lists
/// (and `SiteWriter.preserved`). A folder of the user's own files, or a built site the user has
/// added a file to, is refused (`OutputGuard`).
enum SiteManifest {
    public static let fileName = ".dossier-manifest"

    static let header = """
        # Written by `dossier build`, which replaces this folder as a whole. These are the files it wrote;
        # a build refuses to replace the folder while it holds any other file. Paths are percent-encoded.

        """

    /// The manifest of a site made of `paths` (relative to the site root).
    static func contents(_ paths: some Sequence<String>) -> Data {
        var text = header
        for path in paths.sorted() { text += encode(path) + "\n" }
        return Data(text.utf8)
    }

    /// The paths a folder's manifest lists, or nil when it has none (or it cannot be read).
    public static func read(in folder: URL) -> Set<String>? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(fileName).path) else {
            return nil
        }
        let text = String(decoding: data, as: UTF8.self)
        guard text.hasPrefix("# Written by `dossier build`") else { return nil }
        var paths = Set<String>()
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.isEmpty {
            paths.insert(decode(line))
        }
        return paths
    }

    /// A file name may hold a line break or a `%`: one path per line needs them encoded.
    static func encode(_ path: String) -> String {
        guard path.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == 0x0A || $0 == 0x0D }) else { return path }
        return path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\n", with: "%0A")
            .replacingOccurrences(of: "\r", with: "%0D")
    }

    static func decode(_ line: Substring) -> String {
        guard line.contains("%") else { return String(line) }
        return line.replacingOccurrences(of: "%0A", with: "\n").replacingOccurrences(of: "%0D", with: "\r")
            .replacingOccurrences(of: "%25", with: "%")
    }
}
