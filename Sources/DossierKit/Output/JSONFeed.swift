import Foundation

/// `feed.json`: the Atom feed's entries as a JSON Feed 1.1 (https://jsonfeed.org/version/1.1),
/// for readers and tools that prefer JSON. The same items, ids and dates as `feed.xml`.
struct JSONFeed: Encodable {
    static let path = "feed.json"

    var version = "https://jsonfeed.org/version/1.1"
    var title: String
    var home_page_url: String?
    var feed_url: String?
    var description: String?
    var language: String
    var authors: [Author]?
    var items: [Item]

    struct Author: Encodable {
        var name: String
    }

    struct Item: Encodable {
        var id: String
        var url: String
        var title: String
        var content_text: String
        var date_published: String
        var date_modified: String
        var tags: [String]
    }

    static func make(_ report: Report, items: [FeedItem]) -> JSONFeed {
        let config = report.config
        return JSONFeed(
            title: config.title,
            home_page_url: config.baseURL,
            feed_url: config.baseURL.map { $0 + path },
            description: config.description.isEmpty ? nil : config.description,
            language: config.language,
            authors: config.authors.isEmpty ? nil : config.authors.map(Author.init),
            items: items.map { item in
                Item(
                    id: item.id, url: item.link, title: item.event.title, content_text: item.summary,
                    date_published: Timestamp.rfc3339(item.published), date_modified: Timestamp.rfc3339(item.updated),
                    tags: [config.eventType(item.event.type)?.label ?? item.event.type] + item.event.tags)
            }
        )
    }

    var file: OutputFile {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return OutputFile(path: Self.path, contents: .data(data + Data("\n".utf8)))
    }
}
