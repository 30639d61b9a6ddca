import ArgumentParser
import DossierKit
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import events from another tool's export into the report, as content you then edit.",
        discussion: """
            acled FILE.csv: an ACLED export (the CSV of ACLED's export tool or API).
            timelinejs FILE.json|FILE.csv: a TimelineJS timeline (its JSON, or its Google Sheet saved as CSV);
            eras become topics, the title slide the report's title and description when site.yaml has none.
            dossier FILE.json|FILE.csv: a built site's data/events.json or data/events.csv, into another
            report (actors and event types it lacks get stubs named from their ids).
            Writes events/<format>/YYYY-MM.yaml, a Markdown stub for each new actor, and new event types
            at the end of site.yaml's event_types. Importing an updated export again updates the events
            it made (matched by external_id), except those edited by hand since: each such conflict is
            reported with its file and line, and yours is kept unless --on-conflict replace. Actors with a
            file are left as they are. See docs/importing.md for the mapping.
            """
    )

    @Argument(help: "The format: \(Importer.Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Importer.Format

    @Argument(help: "The file to import.") var file: String

    @Option(help: "The report's content folder.") var content = "Content"

    @Flag(name: .customLong("dry-run"), help: "Print what would be written, and write nothing.")
    var dryRun = false

    @Option(
        name: .customLong("on-conflict"),
        help:
            "For an event edited by hand since it was imported that the new export changes too: keep (yours, the default) or replace (with the export's). Either way it is reported."
    )
    var onConflict: ContentImport.ConflictChoice = .keep

    @Option(
        name: .customLong("type"),
        help:
            "timelinejs: the event type of every imported event (an id or label of site.yaml's event_types; a new type is added). Default: event."
    )
    var eventType = "event"

    @Flag(
        name: .customLong("groups-as-topics"),
        help: "timelinejs: also make a topic of each group (its events are tagged with the group either way).")
    var groupsAsTopics = false

    @Flag(help: "Print how long each step took, its CPU time and the memory peak at its end.")
    var timings = false

    func run() throws {
        let result: Importer.Result
        do {
            result = try Importer.run(
                format, file: URL(fileURLWithPath: file), shownAs: file, content: URL(fileURLWithPath: content),
                contentName: content, dryRun: dryRun, onConflict: onConflict,
                options: Importer.Options(eventType: eventType, groupsAsTopics: groupsAsTopics),
                // The crash tests kill the import at each step of its commit.
                killAt: ProcessInfo.processInfo.environment["DOSSIER_IMPORT_KILL_AT"].flatMap(Int.init))
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
        DiagnosticPrinter.print(result.diagnostics)
        guard let outcome = result.outcome else { throw ExitCode.failure }
        for (path, change) in outcome.files {
            print("\(dryRun ? "would write" : "wrote") \(content)/\(path): \(change)")
        }
        for note in outcome.notes { print("note: \(note)") }
        print("\(dryRun ? "Would import" : "Imported") \(outcome.summary).")
        if timings { result.phases.forEach { print($0.line) } }
        if !dryRun, outcome.events > 0 {
            print("Next: dossier check, then edit the new files (titles, actors' profiles) as you would your own.")
        }
    }
}

extension Importer.Format: ExpressibleByArgument {}
extension ContentImport.ConflictChoice: ExpressibleByArgument {}
