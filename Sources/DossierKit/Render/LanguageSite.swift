import Foundation

/// Which language a page is in, where that language's pages live, and the languages it can
/// switch to (`languages: [en, ar]` in site.yaml).
///
/// The report's own language is the site at the root; each other language is a complete site
/// under its folder (`ar/`), with the same pages at the same paths inside it. What does not
/// depend on the language is written once, at the root, and linked from every language: the
/// theme's assets, the map outlines, the data downloads and the search index
/// (`SitePaths.isShared`).
struct LanguageSite: Sendable {
    /// A language of the report, as the switcher shows it.
    struct Entry: Sendable {
        /// Its BCP 47 tag (`ar`).
        var code: String
        /// Its folder from the site root: `""` for the report's own language, `ar/` for another.
        var prefix: String
        /// Its name in itself (`العربية`), from the platform's locale data.
        var name: String
        /// Whether it is written right to left.
        var rightToLeft: Bool
    }

    /// The language of these pages.
    var language: String
    /// This language's folder from the site root: `""` or `ar/`.
    var prefix: String
    /// Every language of the report, its own first; one entry for a report in one language.
    var all: [Entry]
    /// The pages and data files of this language's site, without the prefix, for root-relative
    /// Markdown links (`/about/` is this language's page, `/static/map.png` the site's file).
    /// Empty at the root, where every file is the site's.
    var paths: Set<String> = []

    /// From this language's folder up to the site root: `""`, or `../` for `ar/`.
    var upToSiteRoot: String { String(repeating: "../", count: prefix.split(separator: "/").count) }

    /// Whether the site has pages in several languages (and a switcher between them).
    var isMultilingual: Bool { all.count > 1 }

    /// The languages of a report: `config.languages`, each with its folder.
    static func entries(_ config: SiteConfig) -> [Entry] {
        let languages = config.languages.isEmpty ? [config.language] : config.languages
        return languages.enumerated().map { index, code in
            Entry(
                code: code, prefix: index == 0 ? "" : folder(code), name: name(of: code),
                rightToLeft: Locale.Language(identifier: code).characterDirection == .rightToLeft)
        }
    }

    /// The report's own language, at the site root.
    static func root(_ config: SiteConfig) -> LanguageSite {
        LanguageSite(language: config.language, prefix: "", all: entries(config))
    }

    /// The folder of a language's pages: its tag in lower case (`ar/`, `pt-br/`).
    static func folder(_ code: String) -> String { code.lowercased() + "/" }

    /// A language's name in that language (`ar` → العربية, `fa` → فارسی), capitalised as it
    /// begins a line; the tag itself where the platform has no name for it.
    static func name(of code: String) -> String {
        guard let name = Locale(identifier: code).localizedString(forLanguageCode: code), !name.isEmpty else {
            return code
        }
        return name.prefix(1).uppercased() + name.dropFirst()
    }
}
