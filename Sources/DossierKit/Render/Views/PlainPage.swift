/// A page from `Content/pages/`.
struct PlainPage {
    var title: String
    var bodyHTML: String

    static func path(_ page: Page) -> String { SitePaths.page(page.id) }

    static func make(_ page: Page, _ site: RenderContext) -> PageView<PlainPage> {
        let links = PageLinks(path: path(page), site: site)
        let chrome = Chrome(links: links, title: page.title, description: page.description ?? "", section: .page, breadcrumbs: [.init(label: page.title)])
        return PageView(chrome: chrome, content: PlainPage(title: page.title, bodyHTML: links.html(page.body)))
    }
}
