import Foundation

/// `feed.xml`: the latest events as an Atom feed, newest first.
///
/// Atom needs absolute ids; with a base URL they are the event pages' addresses, without one
/// they are `tag:` URIs made from the event ids, and links stay relative to the feed.
enum AtomFeed {
    static func make(_ report: Report, markdown: CommonMark, limit: Int = 50) -> OutputFile {
        let config = report.config
        let events = report.events.reversed().prefix(limit)
        let base = config.baseURL ?? ""
        let updated = events.first.map { timestamp($0.date.start) } ?? "1970-01-01T00:00:00Z"
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(escape(config.language))">
          <title>\(escape(config.title))</title>
          <subtitle>\(escape(config.description))</subtitle>
          <id>\(escape(config.baseURL ?? "tag:dossier,\(Identifier.suggestion(from: config.title))"))</id>
          <link rel="alternate" type="text/html" href="\(escape(base.isEmpty ? SitePaths.home : base))"/>
          <link rel="self" type="application/atom+xml" href="\(escape(base + SitePaths.feed))"/>
          <updated>\(updated)</updated>
          <generator>Dossier</generator>

        """
        for author in config.authors { xml += "  <author><name>\(escape(author))</name></author>\n" }
        for event in events {
            let path = SitePaths.event(event.id)
            let link = base.isEmpty ? path : base + String(path.dropLast("index.html".count))
            let id = base.isEmpty ? "tag:dossier,\(Identifier.suggestion(from: config.title)):\(event.id)" : link
            let summary = event.summary.map { markdown.plainText($0.text, limit: 1000) } ?? ""
            xml += """
              <entry>
                <title>\(escape(event.title))</title>
                <id>\(escape(id))</id>
                <link rel="alternate" type="text/html" href="\(escape(link))"/>
                <updated>\(timestamp(event.date.start))</updated>
                <summary>\(escape("\(event.date.formatted). \(summary)"))</summary>
              </entry>

            """
        }
        xml += "</feed>\n"
        return OutputFile(path: SitePaths.feed, text: xml)
    }

    /// Atom wants a full timestamp; a month or year is dated at its first day.
    static func timestamp(_ date: PartialDate) -> String {
        let (year, month, day) = date.earliestDay
        return String(format: "%04d-%02d-%02dT00:00:00Z", year, month, day)
    }

    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.append(character)
            }
        }
        return result
    }
}

/// `sitemap.xml`, written only when the base URL is known: sitemaps need absolute addresses.
enum Sitemap {
    static func make(_ report: Report, pagePaths: [String]) -> OutputFile? {
        guard let base = report.config.baseURL else { return nil }
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for path in pagePaths where path != SitePaths.notFound {
            let clean = path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path
            xml += "  <url><loc>\(AtomFeed.escape(base + clean))</loc></url>\n"
        }
        xml += "</urlset>\n"
        return OutputFile(path: SitePaths.sitemap, text: xml)
    }
}
