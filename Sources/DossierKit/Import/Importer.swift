import Foundation

/// `dossier import`: reads another tool's export and writes it into a report as content.
public enum Importer {
    public enum Format: String, CaseIterable, Sendable {
        /// ACLED's CSV export (`ACLEDImport`).
        case acled
        /// A TimelineJS timeline: its JSON, or its Google Sheet template saved as CSV (`TimelineJSImport`).
        case timelinejs
        /// Dossier's own data download, `data/events.json` or `data/events.csv` (`DossierImport`).
        case dossier
    }

    /// What a format's import can be told.
    public struct Options: Sendable {
        /// TimelineJS: the event type every event gets (its id or label; created when the report has none).
        public var eventType = "event"
        /// TimelineJS: each group also becomes a topic.
        public var groupsAsTopics = false
        public init(eventType: String = "event", groupsAsTopics: Bool = false) {
            self.eventType = eventType
            self.groupsAsTopics = groupsAsTopics
        }
    }

    public struct Result {
        /// What was (or, in a dry run, would be) written; nil when nothing could be read.
        public var outcome: ContentImport.Outcome?
        /// Errors that stopped the import, and rows left out (`file:row:column`).
        public var diagnostics: [Diagnostic]
    }

    /// - Parameters:
    ///   - name: how the file is named in messages.
    ///   - content: the report's content folder (with its `site.yaml`).
    ///   - onConflict: which side wins for an event edited by hand since it was imported that
    ///     the new export changes too.
    public static func run(_ format: Format, file: URL, shownAs name: String, content: URL, contentName: String, dryRun: Bool,
                           onConflict: ContentImport.ConflictChoice = .keep, options: Options = Options()) throws -> Result {
        let log = DiagnosticLog()
        guard FileManager.default.fileExists(atPath: content.appendingPathComponent("site.yaml").path) else {
            log.error(SourceLocation(file: contentName), "there is no report here: \(contentName)/site.yaml does not exist",
                      hint: "import into a report: create one with `dossier new FOLDER`, or pass --content PATH")
            return Result(outcome: nil, diagnostics: log.diagnostics)
        }
        guard let text = ContentFile.readText(file, display: name, log: log) else { return Result(outcome: nil, diagnostics: log.diagnostics) }
        // The report as it is: its actors and types are reused by name, its events not written again.
        let existing = ContentLoader(folder: content, displayName: contentName).load(log: DiagnosticLog())
        var knownTypes: [String: String] = [:]
        for type in existing?.config.eventTypes ?? [] {
            knownTypes[type.id] = type.id
            knownTypes[type.label.lowercased()] = type.id
        }
        let read: ImportBatch?
        switch format {
        case .acled:
            var reader = ACLEDImport(file: name, log: log)
            for actor in existing?.actors ?? [] {
                for known in [actor.name] + actor.aliases { reader.knownActors[ACLEDImport.normalised(known)] = actor.id }
            }
            reader.knownTypes = knownTypes
            read = reader.read(text)
        case .timelinejs:
            var reader = TimelineJSImport(file: name, log: log)
            reader.knownTypes = knownTypes
            reader.eventType = options.eventType
            reader.groupsAsTopics = options.groupsAsTopics
            read = reader.read(text)
        case .dossier:
            var reader = DossierImport(file: name, log: log)
            reader.knownActors = Set(existing?.actors.map(\.id) ?? [])
            reader.knownTypes = Set(existing?.config.eventTypes.map(\.id) ?? [])
            reader.knownTopics = Set(existing?.topics.map(\.id) ?? [])
            reader.knownPages = Set(existing?.pages.map(\.id) ?? [])
            read = reader.read(text)
        }
        guard let batch = read else { return Result(outcome: nil, diagnostics: log.diagnostics) }
        let outcome = try ContentImport(content: content, displayName: contentName, source: format.rawValue).write(batch, existing: existing, dryRun: dryRun, onConflict: onConflict)
        return Result(outcome: outcome, diagnostics: log.diagnostics + batch.skipped + outcome.conflicts)
    }
}
