import ArgumentParser
import DossierKit
import Foundation

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a report folder to start from: site.yaml and one example event, actor, topic and page.",
        discussion:
            "Writes DIR/Content/ only (the theme is built in). DIR must be new or empty: nothing is ever replaced."
    )

    @Argument(help: "Folder to create the report in.") var folder: String

    func run() throws {
        do {
            let written = try NewReport.create(in: URL(fileURLWithPath: folder), shownAs: folder)
            print("Created a report in \(folder)/ (\(written.count) files). Next:")
            print("  cd \(folder)")
            print("  dossier serve     # preview it at http://127.0.0.1:8000/ while you edit Content/")
            print("  dossier build     # write the site to Site/")
        } catch let failure as NewReport.Failure {
            FileHandle.standardError.write(Data("error: \(failure)\n".utf8))
            throw ExitCode.failure
        }
    }
}
