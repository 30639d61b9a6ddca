import ArgumentParser
import DossierKit
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the content and templates without writing the site."
    )

    @OptionGroup var folders: FolderOptions

    func run() throws {
        let result = SiteBuilder(options: folders.buildOptions).validate()
        DiagnosticPrinter.print(result.diagnostics)
        let errors = result.diagnostics.filter { $0.severity == .error }.count
        let warnings = result.diagnostics.count - errors
        if let report = result.report {
            print("Checked \(report.events.count) events, \(report.actors.count) actors, \(report.topics.count) topics, \(report.pages.count) pages: \(errors) errors, \(warnings) warnings.")
        } else {
            print("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s").")
        }
        if errors > 0 { throw ExitCode.failure }
    }
}
