import Foundation
import Testing
@testable import DossierKit

/// The report shipped in `Content/`, built with the default theme, as a user would build it.
@Suite struct SampleReportTests {
    static func buildSample(baseURL: String? = nil) throws -> (URL, [String: Data]) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dossier-sample-\(UUID().uuidString)")
        let repository = TestSite.repository
        var options = BuildOptions(root: repository)
        options.output = output
        options.baseURL = baseURL
        try SiteBuilder(options: options).build()
        return (output, try TestSite.files(in: output))
    }

    @Test func sampleContentHasNoProblems() {
        let result = SiteBuilder(options: BuildOptions(root: TestSite.repository)).validate()
        #expect(result.diagnostics.filter { $0.severity != .note }.map(\.description) == [])
        // Its Arabic version is the theme's words and part of the content; the rest is listed.
        #expect(
            result.diagnostics.filter { $0.severity == .note }.map(\.message).allSatisfy {
                $0.hasPrefix("not yet translated into ar: ")
            })
        #expect(result.report != nil)
    }

    @Test func everyKindOfPageIsWritten() throws {
        let (output, files) = try Self.buildSample()
        defer { try? FileManager.default.removeItem(at: output) }
        let report = try #require(SiteBuilder(options: BuildOptions(root: TestSite.repository)).validate().report)
        var expected = [
            "index.html", "timeline/index.html", "actors/index.html", "topics/index.html", "sources/index.html",
            "404.html", "feed.xml", "data/events.json", "data/events.csv", "assets/style.css", "assets/dossier.js",
            "about/index.html", "methodology/index.html", "topics/us-iraq-withdrawal-talks/index.html",
        ]
        expected += report.events.map { "events/\($0.id)/index.html" }
        expected += report.actors.map { "actors/\($0.id)/index.html" }
        for path in expected { #expect(files[path] != nil, "missing \(path)") }
        #expect(report.events.count >= 14)
        #expect(files["sitemap.xml"] == nil, "a sitemap needs a base URL")
    }

    @Test func everyInternalLinkResolvesToAFileAndFragment() throws {
        let (output, files) = try Self.buildSample()
        defer { try? FileManager.default.removeItem(at: output) }
        var checked = 0
        for (path, data) in files where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            for link in HTMLInspection.links(in: html) {
                guard let target = HTMLInspection.resolve(link, from: path) else { continue }
                #expect(!link.hasPrefix("/"), "\(path): root-relative link \(link) breaks under a sub-path")
                #expect(files[target.path] != nil, "\(path): link \(link) points to a missing file")
                if let fragment = target.fragment, !fragment.isEmpty, let page = files[target.path] {
                    #expect(
                        HTMLInspection.ids(in: String(decoding: page, as: UTF8.self)).contains(fragment),
                        "\(path): no id \(fragment) in \(target.path)")
                }
                checked += 1
            }
        }
        #expect(checked > 500)
    }

    @Test func pagesLoadNothingFromOtherHosts() throws {
        let (output, files) = try Self.buildSample()
        defer { try? FileManager.default.removeItem(at: output) }
        for (path, data) in files where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            let resources = HTMLInspection.matches(
                of: #"<(?:script|img|link|iframe)[^>]*(?:src|href)="([^"]*)""#, in: html
            )
            .filter { !$0.hasSuffix("feed.xml") }
            for resource in resources {
                #expect(!resource.contains("//"), "\(path) loads \(resource) from another host")
            }
            #expect(html.contains("@import") == false)
        }
        let css = String(decoding: try #require(files["assets/style.css"]), as: UTF8.self)
        #expect(!css.contains("url(http"))
        // The stylesheet imports only files of the site (the type colours), never another host.
        let imports = HTMLInspection.matches(of: #"@import\s+url\("([^"]*)"\)"#, in: css)
        #expect(imports == ["types.css"])
        #expect(
            css.components(separatedBy: "@import").count - 1 == imports.count, "every @import is a local url(\"…\")")
        for target in imports { #expect(files["assets/" + target] != nil, "\(target) is part of the site") }
    }

    @Test func everyPageHasTitleDescriptionAndOpenGraph() throws {
        let (output, files) = try Self.buildSample()
        defer { try? FileManager.default.removeItem(at: output) }
        for (path, data) in files where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            let title = try #require(HTMLInspection.title(in: html), "\(path) has no <title>")
            #expect(!title.isEmpty)
            #expect(html.contains(#"<meta name="description" content=""#), "\(path)")
            #expect(html.contains(#"<meta property="og:title""#), "\(path)")
            #expect(html.contains(##"<a class="skip-link" href="#main">"##), "\(path)")
            #expect(html.contains(#"<main id="main""#), "\(path)")
            #expect(!html.contains(#"rel="canonical""#), "\(path): canonical links need a base URL")
        }
        let event = String(decoding: try #require(files["events/qaani-visits-iraq/index.html"]), as: UTF8.self)
        #expect(HTMLInspection.title(in: event)?.hasPrefix("Iranian general Esmail Qaani visits Iraq") == true)
    }

    @Test func baseURLAddsCanonicalLinksAndASitemap() throws {
        let (output, files) = try Self.buildSample(baseURL: "https://example.org/report")
        defer { try? FileManager.default.removeItem(at: output) }
        let event = String(decoding: try #require(files["events/jordan-drone-attack/index.html"]), as: UTF8.self)
        #expect(
            event.contains(#"<link rel="canonical" href="https://example.org/report/events/jordan-drone-attack/">"#))
        let sitemap = String(decoding: try #require(files["sitemap.xml"]), as: UTF8.self)
        #expect(sitemap.contains("<loc>https://example.org/report/timeline/</loc>"))
        let notFound = String(decoding: try #require(files["404.html"]), as: UTF8.self)
        // Hosts show the 404 page at any address: with the site's path known, its links start
        // from it (no <base>, which would send the skip link to the home page), on whatever host
        // shows the page (a staging host too, whose name is not the base URL's).
        #expect(!notFound.contains("<base"))
        #expect(notFound.contains(#"<link rel="stylesheet" href="/report/assets/style.css">"#))
        #expect(notFound.contains(#"<a class="site-title" href="/report/index.html">"#))
        #expect(notFound.contains(##"<a class="skip-link" href="#main">"##) && !notFound.contains("XMLHttpRequest"))
        let (plainOutput, plainFiles) = try Self.buildSample()
        defer { try? FileManager.default.removeItem(at: plainOutput) }
        let relative = String(decoding: try #require(plainFiles["404.html"]), as: UTF8.self)
        #expect(
            relative.contains("XMLHttpRequest")
                && relative.contains(#"<link rel="stylesheet" href="assets/style.css">"#),
            "without it, the page finds the site's root")
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let (first, a) = try Self.buildSample()
        let (second, b) = try Self.buildSample()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        #expect(a.keys.sorted() == b.keys.sorted())
        for (path, data) in a { #expect(b[path] == data, "\(path) differs between builds") }
    }

    @Test func everyEventCitesTheSeedArticle() throws {
        let report = try #require(SiteBuilder(options: BuildOptions(root: TestSite.repository)).validate().report)
        for event in report.events {
            #expect(
                event.sources.contains {
                    ($0.url ?? "").contains("news.antiwar.com/2024/02/19/iraqi-militias-stopped-attacks")
                }, "\(event.id)")
        }
        let topic = try #require(report.topic("us-iraq-withdrawal-talks"))
        #expect(topic.quotes.contains { $0.text.hasPrefix("Based on these meetings, a timetable will be formulated") })
    }
}
