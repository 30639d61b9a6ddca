import Foundation

/// Decodes a cited source: publisher and an http(s) URL are required.
struct SourceDecoder {
    let log: DiagnosticLog
    /// Whether a source may come without `url` (an imported event's: its dataset names
    /// publishers only); a source written by hand needs an address readers can follow.
    var allowsUnlinked = false

    func decode(_ node: DataNode) -> Source? {
        guard let fields = FieldReader(node, subject: "the source", log: log) else { return nil }
        fields.warnAboutUnknownKeys(known: ["publisher", "title", "url", "author", "date", "quote", "via"])
        return checked(
            publisher: fields.string("publisher"), title: fields.string("title"), url: fields.string("url"),
            author: fields.string("author"), date: fields.string("date"), quote: fields.string("quote"),
            via: fields.string("via"),
            fields: fields, keys: ("publisher", "url", "date")
        )
    }

    func checked(
        publisher: String?, title: String?, url: String?, author: String?, date: String?, quote: String?, via: String?,
        fields: FieldReader, keys: (publisher: String, url: String, date: String)
    ) -> Source? {
        guard let publisher, !publisher.isEmpty else {
            log.error(
                fields.location, "the source has no `\(keys.publisher)`",
                hint: "name who published it, e.g. `\(keys.publisher): Reuters`")
            return nil
        }
        guard let url else {
            if allowsUnlinked {
                return Source(
                    publisher: publisher, title: title, url: nil, author: author,
                    date: parsedDate(date, fields: fields, key: keys.date),
                    quote: quote, via: via, location: fields.location)
            }
            log.error(
                fields.location, "the source has no `\(keys.url)`", hint: "give the address where readers can find it")
            return nil
        }
        if let problem = URLCheck.problem(with: url) {
            log.error(
                fields.locationOf(keys.url), "invalid source URL: \(problem)",
                hint: "use a full address starting with https://")
            return nil
        }
        return Source(
            publisher: publisher, title: title, url: url, author: author,
            date: parsedDate(date, fields: fields, key: keys.date),
            quote: quote, via: via, location: fields.location)
    }

    private func parsedDate(_ date: String?, fields: FieldReader, key: String) -> PartialDate? {
        guard let date else { return nil }
        switch PartialDate.parse(date) {
        case .success(let value): return value
        case .failure(let error):
            log.error(fields.locationOf(key), error.message, hint: error.hint)
            return nil
        }
    }
}
