/// What `check` says of a report's translations: an error for a translation into a language the
/// report does not name (a typo would otherwise leave it unused), and, for each of its other
/// languages, one note that counts what is not translated yet (a report in two languages is
/// rarely translated whole, and that is no problem), not a warning per field.
enum TranslationCheck {
    static func check(_ content: LoadedContent, log: DiagnosticLog) {
        let config = content.config
        let others = config.translationLanguages
        let named = "site.yaml's `languages`: \(config.languages.joined(separator: ", "))"
        for event in content.events {
            for (language, translation) in event.translations.sorted(by: { $0.key < $1.key })
            where !others.contains(language) {
                log.error(
                    translation.location,
                    language == config.language
                        ? "`\(language)` is the report's own language: the event's own fields say it"
                        : "`\(language)` is not one of the report's languages to translate into",
                    hint: language == config.language
                        ? "leave the `\(language)` translation out, or write the event's own title and summary in \(language)"
                        : others.isEmpty
                            ? "add it to site.yaml: languages: [\(config.language), \(language)]"
                            : Suggestion.hint(for: language, in: others) ?? named)
            }
        }
        guard !others.isEmpty else { return }
        let location = config.origin
        for language in others {
            let events = content.events.filter { $0.translations[language] == nil }.count
            let partly = content.events.filter { $0.translations[language]?.isPartial(for: $0) ?? false }.count
            let actors = content.actors.filter { content.translations.actors[language]?[$0.id] == nil }.count
            let topics = content.topics.filter { content.translations.topics[language]?[$0.id] == nil }.count
            let pages = content.pages.filter { content.translations.pages[language]?[$0.id] == nil }.count
            guard events + partly + actors + topics + pages > 0 else { continue }
            let parts = [
                (events, content.events.count, "events"), (partly, content.events.count, "events in part"),
                (actors, content.actors.count, "actors"),
                (topics, content.topics.count, "topics"), (pages, content.pages.count, "pages"),
            ].filter { $0.0 > 0 }.map { "\($0.0) of \($0.1) \($0.2)" }
            log.note(
                location,
                "not yet translated into \(language): \(parts.joined(separator: ", ")); their \(language) pages will show the \(config.language) text and say so",
                hint:
                    "translate an actor, topic or page in a file beside it (`actors/<id>.\(language).md`), an event in its `translations: { \(language): { title: …, summary: … } }`"
            )
        }
    }
}
