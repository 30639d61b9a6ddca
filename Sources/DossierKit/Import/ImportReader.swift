import Foundation

/// One format `dossier import` reads: a type that turns a file into an `ImportBatch`.
/// Everything after that — the plan, its validation, the all-or-nothing commit, the record of
/// what was imported — is shared (`Importer`), so a new format (GDELT, a newsroom's spreadsheet)
/// is one reader file and a case of `Importer.Format`.
protocol ImportReader {
    /// - Parameters:
    ///   - file: how the file is named in messages.
    ///   - log: where errors that stop the import go (rows left out go in the batch's `skipped`).
    init(file: String, log: DiagnosticLog, report: ImportContext, options: Importer.Options)
    /// Reads the file, giving each event to `each` as soon as it is read, in the file's order,
    /// so that a large export is never held whole (ACLED's reads row by row); the rest — actors,
    /// types, topics, notes, rows left out — comes in the batch returned (its `events` empty).
    /// Nil when the file is not in this format (the error says what was expected).
    func read(_ source: ImportSource, each: (ImportBatch.Event) -> Void) -> ImportBatch?
}

/// The file an import reads: whole, for a format read whole (a timeline, a download, up to
/// `ContentFile.largestFile`), or as it goes (`CSVBlocks`), for an export of any size.
struct ImportSource {
    let url: URL
    /// How it is named in messages.
    let name: String

    /// Its whole text (UTF-8, a byte order mark left out), or nil with a located error.
    func text(log: DiagnosticLog) -> String? {
        ContentFile.readText(url, display: name, log: log)
    }
}

extension ImportReader {
    /// A reader of small files (a timeline, a download) reads them whole, then gives its events.
    func giving(_ batch: ImportBatch?, to each: (ImportBatch.Event) -> Void) -> ImportBatch? {
        guard var batch else { return nil }
        batch.events.forEach(each)
        batch.events = []
        return batch
    }
}

/// What an importer may know of the report it imports into, so that it reuses the report's
/// actors and types rather than making new ones.
struct ImportContext {
    /// Actors by normalised name and alias (`ACLEDImport.normalised`), to their ids.
    var actorsByName: [String: String] = [:]
    var actorIDs: Set<String> = []
    /// Event types by id and by lower-cased label, to their ids.
    var typesByName: [String: String] = [:]
    var typeIDs: Set<String> = []
    var topicIDs: Set<String> = []
    var pageIDs: Set<String> = []
    /// The languages the report is translated into (`languages:` but its own).
    var translationLanguages: [String] = []

    init(_ content: LoadedContent?) {
        translationLanguages = content?.config.translationLanguages ?? []
        for actor in content?.actors ?? [] {
            actorIDs.insert(actor.id)
            for known in [actor.name] + actor.aliases { actorsByName[ACLEDImport.normalised(known)] = actor.id }
        }
        for type in content?.config.eventTypes ?? [] {
            typeIDs.insert(type.id)
            typesByName[type.id] = type.id
            typesByName[type.label.lowercased()] = type.id
        }
        topicIDs = Set(content?.topics.map(\.id) ?? [])
        pageIDs = Set(content?.pages.map(\.id) ?? [])
    }
}

extension ACLEDImport: ImportReader {
    init(file: String, log: DiagnosticLog, report: ImportContext, options: Importer.Options) {
        self.init(file: file, log: log)
        knownActors = report.actorsByName
        knownTypes = report.typesByName
    }
}

extension TimelineJSImport: ImportReader {
    init(file: String, log: DiagnosticLog, report: ImportContext, options: Importer.Options) {
        self.init(file: file, log: log)
        knownTypes = report.typesByName
        eventType = options.eventType
        groupsAsTopics = options.groupsAsTopics
    }

    func read(_ source: ImportSource, each: (ImportBatch.Event) -> Void) -> ImportBatch? {
        source.text(log: log).flatMap { giving(read($0), to: each) }
    }
}

extension DossierImport: ImportReader {
    init(file: String, log: DiagnosticLog, report: ImportContext, options: Importer.Options) {
        self.init(file: file, log: log)
        knownActors = report.actorIDs
        knownTypes = report.typeIDs
        knownTopics = report.topicIDs
        knownPages = report.pageIDs
        knownLanguages = report.translationLanguages
    }

    func read(_ source: ImportSource, each: (ImportBatch.Event) -> Void) -> ImportBatch? {
        source.text(log: log).flatMap { giving(read($0), to: each) }
    }
}
