/// `downloads/`: every data file of the site, with its format, size and licence, and what its
/// columns hold (the words are the theme's, in `downloads.mustache`).
struct DownloadsPage {
    struct File {
        var href: String
        var path: String
        var size: String
        var bytes: Int
    }

    var json: File
    var csv: File
    var geoJSON: File
    var calendar: File
    var schema: File
    var atom: File
    var jsonFeed: File
    var license: String?
    var eventCount: String
    /// How many events the feeds carry: the newest, up to `FeedItem.limit`.
    var feedEventCount: String
    var schemaVersion: Int
    /// The page's sentences in the report's language (`downloads.*`).
    var ledeText = ""
    var licenseText = ""
    var jsonHTML = ""
    var csvHTML = ""
    var geoJSONText = ""
    var calendarText = ""
    var feedsText = ""

    static let folder = "downloads"

    static let kind = PageKind(
        name: "downloads", folder: folder, section: "downloads", previewDeferral: .afterContentEdits,
        fields: shape.shape,
        path: { _ in folder + "/index.html" }, view: { _, links in make(links) }
    )

    static func make(_ links: PageLinks) -> PageView<DownloadsPage> {
        let report = links.report
        // The files hold every event and the report's settings.
        links.reads.read(.config)
        links.reads.read(.everyEvent)
        for event in report.events { links.reads.read(.event(event.id)) }
        let downloads = links.site.downloads
        func file(_ path: String, bytes: Int) -> File {
            File(href: links.to(path), path: path, size: links.text.fileSize(bytes), bytes: bytes)
        }
        func download(_ path: String) -> File { file(path, bytes: downloads.size(path)) }
        let title = links.text("page.downloads")
        let chrome = Chrome(
            links: links, title: title, description: links.text("description.downloads", ["site": report.config.title]),
            breadcrumbs: [.init(label: title)])
        var content = DownloadsPage(
            json: download(SitePaths.eventsJSON), csv: download(SitePaths.eventsCSV),
            geoJSON: download(SitePaths.eventsGeoJSON),
            calendar: download(CalendarExport.path),
            schema: file(EventsSchema.path, bytes: EventsSchema.text(for: report.eventFields).utf8.count),
            atom: File(href: links.to(SitePaths.feed), path: SitePaths.feed, size: "", bytes: 0),
            jsonFeed: File(href: links.to(JSONFeed.path), path: JSONFeed.path, size: "", bytes: 0),
            license: report.config.license, eventCount: links.text.count("events", report.events.count),
            feedEventCount: links.text.count("events", min(report.events.count, FeedItem.limit)),
            schemaVersion: DataExport.schemaVersion
        )
        let text = links.text
        content.ledeText = text("downloads.lede", ["count": content.eventCount])
        content.licenseText =
            report.config.license.map { text("downloads.license", ["license": $0]) } ?? text("downloads.noLicense")
        content.jsonHTML = text.html(
            "downloads.json",
            ["version": String(content.schemaVersion), "schema": content.schema.path, "size": content.schema.size],
            links: ["schema": content.schema.href])
        content.csvHTML = text.html("downloads.csv", links: [:])
        content.geoJSONText = text("downloads.geoJSON")
        content.calendarText = text("downloads.calendar")
        content.feedsText = text("downloads.feeds", ["count": content.feedEventCount])
        return PageView(chrome: chrome, content: content)
    }
}

extension DownloadsPage: TemplateModel {
    static let shape = TemplateFieldList<DownloadsPage>(
        "DownloadsPage", "The data files of the site (`downloads.mustache`, as `content.*`).",
        [
            .object("json", "`data/events.json`.") { $0.json },
            .object("csv", "`data/events.csv`.") { $0.csv },
            .object("geoJSON", "`data/events.geojson`.") { $0.geoJSON },
            .object("calendar", "`data/events.ics`.") { $0.calendar },
            .object("schema", "`data/events.schema.json`, the JSON's schema.") { $0.schema },
            .object("atom", "`feed.xml` (no size: it changes with every new event).") { $0.atom },
            .object("jsonFeed", "`feed.json`.") { $0.jsonFeed },
            .text("license", "The report's licence (`license` in site.yaml), if any.") { $0.license },
            .text("eventCount", "How many events the files hold, in words.") { $0.eventCount },
            .text("feedEventCount", "How many events the feeds carry, in words: the newest, up to 50.") {
                $0.feedEventCount
            },
            .number("schemaVersion", "The downloads' schema version.") { $0.schemaVersion },
            .text("ledeText", "The lede (`downloads.lede`).") { $0.ledeText },
            .text(
                "licenseText",
                "The licence line, or what to do without one (`downloads.license`, `downloads.noLicense`)."
            ) {
                $0.licenseText
            },
            .html("jsonHTML", "What the JSON holds, with a link to its schema (`downloads.json`).") { $0.jsonHTML },
            .html("csvHTML", "What the CSV holds (`downloads.csv`).") { $0.csvHTML },
            .text("geoJSONText", "What the GeoJSON holds (`downloads.geoJSON`).") { $0.geoJSONText },
            .text("calendarText", "What the calendar holds (`downloads.calendar`).") { $0.calendarText },
            .text("feedsText", "What the feeds carry (`downloads.feeds`).") { $0.feedsText },
        ])
}

extension DownloadsPage.File: TemplateModel {
    static let shape = TemplateFieldList<DownloadsPage.File>(
        "DownloadFile", "A file of the site to download.",
        [
            .text("href", "Link to it from this page.") { $0.href },
            .text("path", "Its path in the site (`data/events.json`).") { $0.path },
            .text("size", "Its size in words (`1.2 MB`).") { $0.size },
            .number("bytes", "Its size in bytes.") { $0.bytes },
        ])
}
