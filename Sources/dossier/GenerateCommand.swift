import ArgumentParser
import DossierKit
import Foundation

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a large synthetic report (deterministic, seeded) for benchmarks.",
        discussion: "Writes DIR/Content/ only; build it with: dossier build --content DIR/Content --output DIR/Site"
    )

    @Option(help: "Number of events.") var events = 1000
    @Option(help: "Number of actors.") var actors = 100
    @Option(help: "Random seed: the same seed gives the same report.") var seed: UInt64 = 1
    @Option(
        help:
            "The report's shape: dossier (this repository's benchmark corpus) or neutral (the independent benchmark's: 4 types, a file per month, topics of a quarter to a half of all events)."
    )
    var corpus: SyntheticReport.Corpus = .dossier
    @Argument(help: "Folder to write the report into.") var folder: String

    func run() throws {
        let report = SyntheticReport(events: events, actors: actors, seed: seed, corpus: corpus)
        try report.write(to: URL(fileURLWithPath: folder))
        print("Wrote \(events) events, \(actors) actors and \(report.topicCount) topics to \(folder)/Content")
    }
}

extension SyntheticReport.Corpus: ExpressibleByArgument {}
