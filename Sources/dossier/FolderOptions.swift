import ArgumentParser
import DossierKit
import Foundation

/// The folders every command works on; defaults fit the repository layout.
struct FolderOptions: ParsableArguments {
    @Option(help: "Folder holding site.yaml, events/, actors/, topics/ and pages/.")
    var content = "Content"

    @Option(help: "Folder holding the theme's Mustache templates and assets/.")
    var templates = "Templates"

    @Option(help: "Folder the site is written to (replaced as a whole).")
    var output = "Site"

    @Option(name: .customLong("base-url"), help: "Absolute URL of the published site, for canonical links, feeds and the sitemap.")
    var baseURL: String?

    var buildOptions: BuildOptions {
        BuildOptions(
            content: URL(fileURLWithPath: content),
            templates: URL(fileURLWithPath: templates),
            output: URL(fileURLWithPath: output),
            baseURL: baseURL
        )
    }
}

/// Prints diagnostics to standard error, the way compilers do.
enum DiagnosticPrinter {
    static func print(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
        }
    }
}
