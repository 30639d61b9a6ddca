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
    @Option(help: "The years the events spread over, from 2014 (default: the corpus's, 10 or 3).") var years: Int?
    @Option(help: "An event body's words on average, ± a third (default: 150–300; longer bodies get more headings).")
    var bodyWords: Int?
    @Option(help: "Sources every event cites (default: one or two).") var sources: Int?
    @Option(help: "How many topics (default: one per 2,000 events, at least 3; neutral 5).") var topics: Int?
    @Flag(help: "The first topic selects every event (the widest thread).") var topicOfEveryEvent = false
    @Option(help: "An actor profile's words, about (default: 80–140; neutral about 300).") var actorWords: Int?
    @Option(help: "How many countries the places are in, 1 to 7 (default: 7).") var countries: Int?
    @Argument(help: "Folder to write the report into.") var folder: String

    func run() throws {
        var report = SyntheticReport(events: events, actors: actors, seed: seed, corpus: corpus)
        report.shape = .init(
            years: years, bodyWords: bodyWords, sourcesPerEvent: sources, topics: topics,
            topicOfEveryEvent: topicOfEveryEvent, actorWords: actorWords, countries: countries)
        try report.write(to: URL(fileURLWithPath: folder))
        print("Wrote \(events) events, \(actors) actors and \(report.topicCount) topics to \(folder)/Content")
    }
}

extension SyntheticReport.Corpus: ExpressibleByArgument {}
