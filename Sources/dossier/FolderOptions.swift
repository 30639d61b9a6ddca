import ArgumentParser
import DossierKit
import Foundation

/// The folders every command works on; defaults fit the repository layout.
struct FolderOptions: ParsableArguments {
    @Option(help: "Folder holding site.yaml, events/, actors/, topics/ and pages/.")
    var content = "Content"

    @Option(
        help:
            "Folder whose templates and assets/ override the built-in theme file by file (default: Templates, when it exists)."
    )
    var templates: String?

    @Option(help: "Folder the site is written to (replaced as a whole).")
    var output = "Site"

    @Option(
        name: .customLong("base-url"),
        help: "Absolute URL of the published site, for canonical links, feeds and the sitemap.")
    var baseURL: String?

    @Flag(name: .customLong("no-search"), help: "Leave full-text search out, even when Pagefind is installed.")
    var noSearch = false

    @Option(
        name: .customLong("template-engine"),
        help:
            "What fills the templates: `compiled` (the theme as programs, the default) or `reference` (swift-mustache, which they are tested against)."
    )
    var templateEngine: TemplateEngine = .compiled

    var buildOptions: BuildOptions {
        var options = BuildOptions(
            content: URL(fileURLWithPath: content),
            templates: URL(fileURLWithPath: templates ?? "Templates"),
            output: URL(fileURLWithPath: output),
            baseURL: baseURL
        )
        options.templatesMustExist = templates != nil
        options.templateEngine = templateEngine
        // Pagefind makes the search index when it is installed (scripts/setup installs it).
        options.search = noSearch ? nil : Pagefind.locate()
        return options
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

extension TemplateEngine: ExpressibleByArgument {}
