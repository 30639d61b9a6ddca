/// The report in its other languages (`languages: [en, ar]` in site.yaml): what each piece of
/// content says in each language it is translated into, by id. What a language does not give
/// is shown in the report's own language, and the page says so.
///
/// Actors, topics and pages translate file by file, in the convention Hugo users know: beside
/// `actors/esmail-qaani.md`, `actors/esmail-qaani.ar.md` is its Arabic (the same fields, in
/// Arabic; its id is its original's). Events translate field by field, in the event itself:
/// `translations: { ar: { title: …, summary: … } }` (`EventTranslation`).
public struct Translations: Sendable {
    public var actors: [String: [String: Actor]] = [:]
    public var topics: [String: [String: Topic]] = [:]
    public var pages: [String: [String: Page]] = [:]

    public init() {}
}

/// An event's words in another language: its title, display date, summary, body and key-event
/// label. Its facts (date, place, actors, figures, sources) are the event's own in every language.
public struct EventTranslation: Sendable, Hashable {
    public var title: String?
    public var displayDate: String?
    /// The label a key event has on charts (`highlight: Qaani visits Iraq`).
    public var highlight: String? = nil
    public var summary: MarkdownText?
    public var body: MarkdownText?
    /// Where it is written, for messages.
    public var location: SourceLocation

    /// Whether it leaves out words the event has (its body, say), which its page in that
    /// language then shows in the report's own (`Report.translated(into:)`, `TranslationCheck`).
    func isPartial(for event: Event) -> Bool {
        title == nil || (event.summary != nil && summary == nil) || (event.body != nil && body == nil)
            || (event.date.display != nil && displayDate == nil)
            || (event.highlight?.isEmpty == false && highlight == nil)
    }

    /// The keys a translation may give, in the order the CSV download writes them.
    static let fields = ["title", "display_date", "summary", "body", "highlight"]
    static let keys = Set(fields)

    /// A translated field's CSV column, the field then the language: `title_ar`, `summary_fa`.
    static func csvColumn(_ field: String, _ language: String) -> String { "\(field)_\(language)" }

    /// The field and language of a CSV column that is a translation's (`body_ar`), else nil.
    static func csvColumn(_ name: String) -> (field: String, language: String)? {
        for field in fields where name.hasPrefix(field + "_") {
            let language = String(name.dropFirst(field.count + 1))
            if LanguageTag.isWellFormed(language) { return (field, language) }
        }
        return nil
    }
}
