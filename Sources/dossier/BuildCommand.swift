import ArgumentParser
import DossierKit
import Foundation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Check the content and write the complete site (atomically: a failed build leaves the old site)."
    )

    @OptionGroup var folders: FolderOptions

    @Flag(help: "Print how long each step of the build took, and where the rendering time went by kind of page.")
    var timings = false

    func run() throws {
        do {
            let summary = try SiteBuilder(options: folders.buildOptions).build()
            DiagnosticPrinter.print(summary.warnings)
            print("\(summary.line) → \(folders.output)/")
            if !folders.noSearch { print(summary.searchLine) }
            if timings {
                summary.phases.forEach { print($0.line) }
                print(summary.templates.line)
                RenderCost.table(summary.costs).forEach { print($0) }
            }
        } catch let failure as BuildFailure {
            DiagnosticPrinter.print(failure.diagnostics)
            let errors = failure.diagnostics.filter { $0.severity == .error }.count
            FileHandle.standardError.write(Data("\(Counted.text(errors, "error")); the site was not written.\n".utf8))
            throw ExitCode.failure
        }
    }
}
