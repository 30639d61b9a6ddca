/// Lists of events split into numbered pages of at most `lists.per_page` events
/// (`SiteConfig.eventsPerPage`): the first page at `folder/id/`, the next at
/// `folder/id/page/2/`, … A page kind's subject is `id` for the first page, `id/2` after.
enum ListPaging {
    /// The subjects of every page of each list, from how many events each holds.
    static func subjects(_ lists: [(id: String, count: Int)], perPage: Int) -> [String] {
        lists.flatMap { list in
            (1...max(1, pageCount(list.count, perPage))).map { $0 == 1 ? list.id : "\(list.id)/\($0)" }
        }
    }

    static func pageCount(_ count: Int, _ perPage: Int) -> Int { (count + perPage - 1) / perPage }

    /// `"strike/2"` → ("strike", 2); `"strike"` → ("strike", 1).
    static func parse(_ subject: String) -> (id: String, page: Int) {
        guard let slash = subject.lastIndex(of: "/"), let page = Int(subject[subject.index(after: slash)...]) else {
            return (subject, 1)
        }
        return (String(subject[..<slash]), page)
    }

    static func path(_ folder: String, _ id: String, page: Int) -> String {
        page == 1 ? "\(folder)/\(id)/index.html" : "\(folder)/\(id)/page/\(page)/index.html"
    }

    static func path(_ folder: String, subject: String) -> String {
        let (id, page) = parse(subject)
        return path(folder, id, page: page)
    }

    /// One page of a list of `total` items, as its view shows it: which items, the links to
    /// every page, and its title. Shared by the type, country, topic and actor pages.
    struct Page {
        let number: Int
        let count: Int
        let perPage: Int

        /// Page `requested` (clamped to the pages there are) of `total` items.
        init(_ requested: Int, of total: Int, perPage: Int) {
            self.perPage = perPage
            count = max(1, ListPaging.pageCount(total, perPage))
            number = min(max(requested, 1), count)
        }

        var isFirst: Bool { number == 1 }
        /// The number of its first item in the whole list, from 1.
        var firstNumber: Int { (number - 1) * perPage + 1 }

        func items<C: Collection>(_ all: C) -> C.SubSequence.SubSequence {
            all.dropFirst((number - 1) * perPage).prefix(perPage)
        }

        /// Every page of the list (`current` for this one); none when there is one page.
        func links(folder: String, id: String, _ links: PageLinks) -> [Chrome.Link] {
            self.links { links.to(ListPaging.path(folder, id, page: $0)) }
        }

        /// The same, for a list whose pages are at `href(number)`.
        func links(_ href: (Int) -> String) -> [Chrome.Link] {
            count == 1 ? [] : (1...count).map { Chrome.Link(label: String($0), href: href($0), current: $0 == number) }
        }

        /// The page before and the page after, if any.
        func neighbours(_ href: (Int) -> String) -> (previous: Chrome.Link?, next: Chrome.Link?) {
            (
                number > 1 ? Chrome.Link(label: String(number - 1), href: href(number - 1)) : nil,
                number < count ? Chrome.Link(label: String(number + 1), href: href(number + 1)) : nil
            )
        }

        /// `title`, or "title, page 2 of 3" (`list.pageOf`) when the list has several pages.
        func title(_ title: String, _ text: DisplayText) -> String {
            count == 1 ? title : text("list.pageOf", ["title": title, "page": String(number), "pages": String(count)])
        }
    }

    /// A country's id in addresses: its name in lower case, other characters than letters and
    /// digits as `-` ("Saudi Arabia" → `saudi-arabia`). Names that give the same id share a page.
    static func slug(_ name: String) -> String {
        var slug = ""
        for character in name.lowercased() {
            if character.isLetter || character.isNumber {
                slug.append(character)
            } else if !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.last == "-" { slug.removeLast() }
        guard slug.utf8.count > longestSlug else { return slug.isEmpty ? "unnamed" : slug }
        // A folder name has at most 255 bytes (a country of 250 Arabic letters has 500): a long
        // name keeps its first words and a digest of the whole, so two long names stay two pages.
        var short = ""
        for character in slug {
            guard short.utf8.count + character.utf8.count <= longestSlug - 9 else { break }
            short.append(character)
        }
        while short.last == "-" { short.removeLast() }
        return short + "-" + StableID.nameBased(name, in: StableID.urlNamespace).uuidString.lowercased().prefix(8)
    }

    /// The longest slug, in bytes of UTF-8.
    static let longestSlug = 100
}
