import ArgumentParser
import DossierKit
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the content, templates and the links of the rendered site, without writing it.",
        discussion:
            "Prints every problem as path:line:column: severity: message, sorted by file and line. Exits 1 when there are errors."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var folders: FolderOptions

    @Option(help: "Output format: text for people, json for editors and CI.")
    var format: Format = .text

    func run() throws {
        let result = SiteBuilder(options: folders.buildOptions).check(keepingFiles: false)
        switch format {
        case .text:
            DiagnosticPrinter.print(result.diagnostics)
            print(summary(result))
        case .json:
            print(try DiagnosticJSON.encode(result.diagnostics, summary: summary(result)))
        }
        if !result.errors.isEmpty { throw ExitCode.failure }
    }

    private func summary(_ result: SiteBuilder.CheckResult) -> String {
        let errors = result.errors.count, warnings = result.warnings.count
        let counts = "\(Counted.text(errors, "error")), \(Counted.text(warnings, "warning"))"
        guard let report = result.report else { return "\(counts)." }
        let checked = [
            Counted.text(report.events.count, "event"), Counted.text(report.actors.count, "actor"),
            Counted.text(report.topics.count, "topic"), Counted.text(report.pages.count, "page"),
        ]
        return "Checked \(checked.joined(separator: ", ")): \(counts)."
    }
}
