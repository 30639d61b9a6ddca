import ArgumentParser
import DossierKit
import Foundation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Check the content and write the complete site (atomically: a failed build leaves the old site)."
    )

    @OptionGroup var folders: FolderOptions

    func run() throws {
        do {
            let summary = try SiteBuilder(options: folders.buildOptions).build()
            DiagnosticPrinter.print(summary.warnings)
            print("\(summary.line) → \(folders.output)/")
        } catch let failure as BuildFailure {
            DiagnosticPrinter.print(failure.diagnostics)
            let errors = failure.diagnostics.filter { $0.severity == .error }.count
            FileHandle.standardError.write(Data("\(Counted.text(errors, "error")); the site was not written.\n".utf8))
            throw ExitCode.failure
        }
    }
}
