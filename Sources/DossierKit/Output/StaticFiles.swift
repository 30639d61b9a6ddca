import Foundation

/// The files a build copies rather than makes: the theme's `assets/` (the report's own theme
/// first, then the built-in theme's) and the report's `static/` files.
enum StaticFiles {
    /// The theme's `assets/` and the report's own `static/` files, copied as they are (a link
    /// inside the report as the file it leads to; the loaders reported the links they refused).
    ///
    /// A static file may not take the path of a file Dossier makes (`static/index.html`, or
    /// `static/assets/style.css` over the theme's): each such collision is an error naming both,
    /// and the static file is left out. Paths that differ only in case collide too, as they
    /// would on macOS and Windows.
    static func copied(_ options: BuildOptions, generated: [String], log: DiagnosticLog) -> [OutputFile] {
        let assets = options.templates.appendingPathComponent("assets"),
            staticFolder = options.content.appendingPathComponent("static")
        var taken: [String: String] = [:]
        var files: [OutputFile] = []
        for (url, source, _) in ContentFile.listStamped(assets, extensions: nil, within: options.templates).files {
            let path = "assets/" + ContentFile.relativePath(of: url, in: assets)
            taken[path.lowercased()] = "the theme's \(path) (\(options.displayName(url)))"
            files.append(OutputFile(path: path, copying: source))
        }
        // The built-in theme's assets that the report's theme does not override.
        for (path, text) in BuiltInTheme.files.sorted(by: { $0.key < $1.key })
        where path.hasPrefix("assets/") && taken[path.lowercased()] == nil {
            taken[path.lowercased()] = "the built-in theme's \(path)"
            files.append(OutputFile(path: path, contents: .data(Data(text.utf8))))
        }
        let statics = ContentFile.listStamped(staticFolder, extensions: nil, within: options.content).files
        // A static file may not take a page's path (in any case). Only the pages that could
        // clash are folded to lower case: folding and describing every page in each preview
        // rebuild, for a check that almost never finds anything, grows with the site.
        let lengths = Set(
            statics.map { ContentFile.relativePath(of: $0.url, in: staticFolder).lowercased().utf8.count })
        for path in statics.isEmpty ? [] : generated
        where lengths.contains(path.utf8.count) || !path.utf8.allSatisfy({ $0 < 0x80 }) {
            let key = path.lowercased()
            if taken[key] == nil { taken[key] = "the page \(path) that Dossier makes" }
        }
        // Nor a folder Dossier makes (`static/events` as a file), nor a file where Dossier makes
        // one (`static/feed.xml/x`): the writer would fail with "File exists". Only the paths that
        // start as a static file's do are looked at (at 50,000 pages, most start with events/).
        let staticPaths = statics.map { ContentFile.relativePath(of: $0.url, in: staticFolder).lowercased() }
        let staticTops = Set(staticPaths.map { String($0.prefix { $0 != "/" }) })
        let staticFolders = Set(
            staticPaths.flatMap { path in
                let parts = path.split(separator: "/")
                return (1..<max(parts.count, 1)).map { parts.prefix($0).joined(separator: "/") }
            })
        var madeFolders: [String: String] = [:], madeFiles: [String: String] = [:]
        for path in statics.isEmpty ? [] : generated + Array(taken.keys)
        where staticTops.contains(String(path.prefix { $0 != "/" }).lowercased()) {
            let key = path.lowercased()
            if staticFolders.contains(key) { madeFiles[key] = path }
            let parts = key.split(separator: "/")
            for count in 1..<max(parts.count, 1) { madeFolders[parts.prefix(count).joined(separator: "/")] = path }
        }
        for (url, source, _) in statics {
            let path = ContentFile.relativePath(of: url, in: staticFolder)
            if let inside = madeFolders[path.lowercased()] {
                log.error(
                    SourceLocation(file: options.displayName(url)),
                    "this file would be published as \(path), where Dossier makes the folder \(path)/ (for \(inside))",
                    hint: "rename or move it: static files may not take the path of a folder Dossier makes")
                continue
            }
            let parts = path.lowercased().split(separator: "/")
            if let blocking = (1..<max(parts.count, 1)).lazy.map({ parts.prefix($0).joined(separator: "/") }).first(
                where: { madeFiles[$0] != nil })
            {
                log.error(
                    SourceLocation(file: options.displayName(url)),
                    "this file would be published inside \(blocking)/, but Dossier makes \(madeFiles[blocking] ?? blocking) a file",
                    hint: "rename or move its folder: static files may not take the path of a file Dossier makes")
                continue
            }
            if path.lowercased().hasPrefix(Pagefind.folder + "/") {
                log.error(
                    SourceLocation(file: options.displayName(url)),
                    "this file would be published as \(path), in the folder of the search index",
                    hint:
                        "move it out of static/\(Pagefind.folder)/: Dossier writes that folder when it builds the search index"
                )
                continue
            }
            if let owner = taken[path.lowercased()] {
                log.error(
                    SourceLocation(file: options.displayName(url)),
                    "this file would be published as \(path), over \(owner)",
                    hint: "rename or move it: static files may not take the path of a file Dossier makes")
                continue
            }
            taken[path.lowercased()] = "the static file \(options.displayName(url))"
            files.append(OutputFile(path: path, copying: source))
        }
        return files
    }
}
