import Foundation

/// `dossier import`: reads another tool's export and writes it into a report as content.
public enum Importer {
    public enum Format: String, CaseIterable, Sendable {
        /// ACLED's CSV export (`ACLEDImport`).
        case acled
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
                           onConflict: ContentImport.ConflictChoice = .keep) throws -> Result {
        let log = DiagnosticLog()
        guard FileManager.default.fileExists(atPath: content.appendingPathComponent("site.yaml").path) else {
            log.error(SourceLocation(file: contentName), "there is no report here: \(contentName)/site.yaml does not exist",
                      hint: "import into a report: create one with `dossier new FOLDER`, or pass --content PATH")
            return Result(outcome: nil, diagnostics: log.diagnostics)
        }
        guard let text = ContentFile.readText(file, display: name, log: log) else { return Result(outcome: nil, diagnostics: log.diagnostics) }
        // The report as it is: its actors and types are reused by name, its events not written again.
        let existing = ContentLoader(folder: content, displayName: contentName).load(log: DiagnosticLog())
        var reader = ACLEDImport(file: name, log: log)
        for actor in existing?.actors ?? [] {
            for known in [actor.name] + actor.aliases { reader.knownActors[ACLEDImport.normalised(known)] = actor.id }
        }
        for type in existing?.config.eventTypes ?? [] {
            reader.knownTypes[type.id] = type.id
            reader.knownTypes[type.label.lowercased()] = type.id
        }
        guard let batch = reader.read(text) else { return Result(outcome: nil, diagnostics: log.diagnostics) }
        let outcome = try ContentImport(content: content, displayName: contentName, source: format.rawValue).write(batch, existing: existing, dryRun: dryRun, onConflict: onConflict)
        return Result(outcome: outcome, diagnostics: log.diagnostics + batch.skipped + outcome.conflicts)
    }
}
