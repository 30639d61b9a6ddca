/// One kind of page of the site (the event pages, the timeline, …), declared once, in the file
/// of its view model (`EventPage.kind`), and listed in `PageKinds.builtIn`.
///
/// Everything else about pages is derived from these declarations: the pages a build renders
/// and in which order, the site's list of files that links are checked against, the folder
/// names plain pages may not take, the theme templates a site needs, the main navigation, the
/// sitemap, and what the preview renders again after an edit (each page records what it read,
/// `PageReads`). `docs/architecture.md` shows how a kind is added.
final class PageKind: Sendable {
    /// Names the kind in messages and in the template reference ("event").
    public let name: String
    /// The theme template that draws its pages (`event` → `Templates/event.mustache`).
    public let template: String
    /// The top folder of its pages' paths (`events`), which plain pages may not use as their id.
    public let folder: String?
    /// Its entry in the main navigation (the kind's index page), if it has one.
    let navigationLabel: String?
    /// The kind whose navigation entry is marked current on these pages (event pages are part
    /// of the timeline); the kind's own name when it has an entry.
    let section: String
    /// Whether its pages are listed in `sitemap.xml` (the 404 page is not).
    let inSitemap: Bool
    /// When the preview may render its pages on request instead of with the rebuild, as Hugo's
    /// server renders only the pages being viewed.
    let previewDeferral: PreviewDeferral
    /// What each page is about, by id: one per event, actor, …; `[""]` for a single page.
    let subjects: @Sendable (any SiteContents) -> [String]
    /// Where the page about `subject` goes, relative to the site root.
    let path: @Sendable (_ subject: String) -> String
    /// The page's view, as its template reads it: `PageView` of the kind's own content. Every
    /// part of the report it uses is recorded in `links.reads` (see `PageReads`).
    let view: @Sendable (_ subject: String, _ links: PageLinks) -> any TemplateConvertible
    /// The fields its template may use under `content`, for `check` and the template reference.
    let fields: TemplateShape
    /// A template of the subject's own in place of `template` (a plain page's `template:`).
    let subjectTemplate: @Sendable (_ contents: any SiteContents, _ subject: String) -> String?

    init(
        name: String, template: String? = nil, folder: String? = nil, navigationLabel: String? = nil,
        section: String? = nil,
        inSitemap: Bool = true, previewDeferral: PreviewDeferral = .never, fields: TemplateShape,
        subjects: @escaping @Sendable (any SiteContents) -> [String] = { _ in [""] },
        subjectTemplate: @escaping @Sendable (any SiteContents, String) -> String? = { _, _ in nil },
        path: @escaping @Sendable (String) -> String,
        view: @escaping @Sendable (String, PageLinks) -> any TemplateConvertible
    ) {
        self.subjectTemplate = subjectTemplate
        self.name = name
        self.template = template ?? name
        self.folder = folder
        self.navigationLabel = navigationLabel
        self.section = section ?? name
        self.inSitemap = inSitemap
        self.previewDeferral = previewDeferral
        self.fields = fields
        self.subjects = subjects
        self.path = path
        self.view = view
    }
}

/// What a report holds, as loaded (`LoadedContent`, before links are checked) or linked
/// (`Report`): enough to know every page of the site.
protocol SiteContents: Sendable {
    var config: SiteConfig { get }
    var events: [Event] { get }
    var actors: [Actor] { get }
    var topics: [Topic] { get }
    var pages: [Page] { get }
}

extension Report: SiteContents {}
extension LoadedContent: SiteContents {}

/// The page kinds a site is made of, in the order pages are rendered and listed in the sitemap.
enum PageKinds {
    public static let builtIn: [PageKind] = [
        HomePage.kind, TimelinePage.kind, TimelinePeriodPage.yearKind, TimelinePeriodPage.monthKind,
        EventListPage.typeKind, EventListPage.countryKind, MapPage.kind, MapPage.countryKind, ActorIndexPage.kind,
        TopicIndexPage.kind, SourcesPage.kind, EventListPage.sourceKind, DownloadsPage.kind, SearchPage.kind,
        NotFoundPage.kind,
        EventPage.kind, ActorPage.kind, TopicPage.kind, PlainPage.kind,
    ]

    /// One page of the site: where it goes, of which kind, about what, drawn by which template.
    struct Page: Sendable {
        var path: String
        var kind: PageKind
        var subject: String
        var template: String
    }

    /// Every page of these kinds, kind after kind.
    static func pages(_ kinds: [PageKind], of contents: any SiteContents) -> [Page] {
        kinds.flatMap { kind in
            kind.subjects(contents).map {
                Page(
                    path: kind.path($0), kind: kind, subject: $0,
                    template: kind.subjectTemplate(contents, $0) ?? kind.template)
            }
        }
    }

    /// Top folders that belong to the site itself: plain pages may not take these ids.
    static func reservedFolders(_ kinds: [PageKind]) -> Set<String> {
        Set(kinds.compactMap(\.folder)).union(SitePaths.supportFolders)
    }
}

/// Which pages the preview renders when they are first asked for, after an edit, rather than
/// with the rebuild: their links are those checked by the previous build, because nothing they
/// link to came or went (see `SiteBuilder.run`).
enum PreviewDeferral: Sendable {
    /// Rendered with every rebuild that reads them.
    case never
    /// Pages that list every event, or a share of them so large that one edit changes them
    /// (the timeline's months, types, countries, sources): at 10,000 events they are megabytes.
    /// Deferred after any edit of content.
    case afterContentEdits
    /// Pages that draw a map and a chart of many events (a topic's first page): deferred after
    /// an edit of events only. An edit of the topic itself renders it with the rebuild, so its
    /// own text's links are checked.
    case afterEventEdits
}
