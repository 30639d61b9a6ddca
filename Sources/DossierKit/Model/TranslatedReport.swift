/// The report as a page in one of its other languages shows it: every word its translations
/// give, over the report's own (`Report.translated(into:)`). Its facts (dates, places, actors,
/// figures, sources, which events a topic holds) are the report's in every language; what a
/// translation does not give is the report's own text, and `untranslated` says where, for the
/// page's note.
extension Report {
    /// The report in `language`, one of `config.translationLanguages`.
    func translated(into language: String) -> Report {
        let words = config.translations[language]
        var config = self.config
        config.language = language
        if let words {
            config.title = words.title ?? config.title
            config.description = words.description ?? config.description
            config.license = words.license ?? config.license
            config.digits = words.digits ?? config.digits
            config.eventTypes = config.eventTypes.map { type in
                var type = type
                if let typeWords = words.eventTypes[type.id] {
                    type.label = typeWords.label ?? type.label
                    type.description = typeWords.description ?? type.description
                }
                return type
            }
        }
        var untranslated = Untranslated(language: self.config.language)
        let events = events.map { event -> Event in
            guard let translation = event.translations[language] else {
                untranslated.events[event.id] = .whole
                return event
            }
            if translation.isPartial(for: event) { untranslated.events[event.id] = .part }
            return event.with(translation)
        }
        let actors = actors.map { actor -> Actor in
            guard let translation = translations.actors[language]?[actor.id] else {
                untranslated.actors[actor.id] = .whole
                return actor
            }
            var translated = actor
            translated.name = translation.name
            translated.description = translation.description ?? actor.description
            translated.status = translation.status ?? actor.status
            if !translation.aliases.isEmpty { translated.aliases = translation.aliases }
            if !translation.profile.isEmpty { translated.profile = translation.profile }
            if !actor.profile.isEmpty, translation.profile.isEmpty { untranslated.actors[actor.id] = .part }
            return translated
        }
        let topics = topics.map { topic -> Topic in
            guard let translation = translations.topics[language]?[topic.id] else {
                untranslated.topics[topic.id] = .whole
                return topic
            }
            var translated = topic
            translated.title = translation.title
            translated.summary = translation.summary ?? topic.summary
            if !translation.quotes.isEmpty { translated.quotes = translation.quotes }
            if !translation.narrative.isEmpty { translated.narrative = translation.narrative }
            if !topic.narrative.isEmpty, translation.narrative.isEmpty { untranslated.topics[topic.id] = .part }
            return translated
        }
        let pages = pages.map { page -> Page in
            guard let translation = translations.pages[language]?[page.id] else {
                untranslated.pages[page.id] = .whole
                return page
            }
            var translated = page
            translated.title = translation.title
            translated.description = translation.description ?? page.description
            translated.body = translation.body
            return translated
        }
        var report = Report(
            config: config, events: events, actors: actors, topics: topics, pages: pages, eventFields: eventFields)
        report.untranslated = untranslated
        return report
    }

    /// What a report in another language shows in the report's own, for want of a translation:
    /// the ids of the events, actors, topics and pages whose words are not (all) translated.
    struct Untranslated: Sendable {
        /// The report's own language, which their words are in.
        var language: String
        var events: [String: Extent] = [:]
        var actors: [String: Extent] = [:]
        var topics: [String: Extent] = [:]
        var pages: [String: Extent] = [:]

        /// Whether none of its words are translated, or some.
        enum Extent: Sendable {
            case whole, part
        }
    }
}

extension EventDate {
    func withDisplay(_ display: String) -> EventDate {
        EventDate(start: start, end: end, display: display, withinWeek: withinWeek)
    }
}

extension Event {
    /// The event with its translation's words in place of its own, where it gives them.
    func with(_ translation: EventTranslation) -> Event {
        Event(
            id: id, date: translation.displayDate.map { date.withDisplay($0) } ?? date,
            title: translation.title ?? title, type: type, location: location, actors: actors,
            casualties: casualties, summary: translation.summary ?? summary, body: translation.body ?? body,
            sources: sources, confidence: confidence, tags: tags, origin: origin,
            // A key event stays one: only a label's words are translated (`true` has none).
            referenceLocations: referenceLocations,
            highlight: highlight.map { $0.isEmpty ? $0 : translation.highlight ?? $0 }, published: published,
            updated: updated,
            externalID: externalID, media: media, declaredValues: declaredValues, extra: extra,
            translations: translations)
    }
}
