import Testing
@testable import DossierKit

/// The link check's resolution of a link against the page it sits on.
@Suite struct LinkResolutionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var link: String
        var page: String
        var target: String?
        var fragment: String? = nil
        var testDescription: String { "\(link) from \(page)" }
    }

    /// Links are read from HTML: the entities the escaping writes are decoded, once each.
    @Test func attributeValuesAreDecodedOnce() {
        let scan = HTMLScan(
            #"<a href="../x/index.html?a=1&amp;b=&quot;2&quot;&amp;lt;&#39;">x</a><img src="caf&eacute;.png">"#)
        #expect(scan.links.map(\.value) == [#"../x/index.html?a=1&b="2"&lt;'"#, "caf&eacute;.png"])
    }

    static let cases: [Case] = [
        Case(link: "../../actors/militia/index.html", page: "events/a/index.html", target: "actors/militia/index.html"),
        Case(link: "../timeline/", page: "about/index.html", target: "timeline/"),
        Case(
            link: "index.html#sources", page: "events/a/index.html", target: "events/a/index.html", fragment: "sources"),
        Case(link: "#top", page: "timeline/index.html", target: "timeline/index.html", fragment: "top"),
        Case(link: "./assets/./style.css?v=2", page: "index.html", target: "assets/style.css"),
        Case(link: "/data/events.json", page: "events/a/index.html", target: "data/events.json"),
        Case(
            link: "caf%C3%A9/index.html#r%C3%A9sum%C3%A9", page: "index.html", target: "café/index.html",
            fragment: "résumé"),
        Case(link: "../../../outside.html", page: "events/a/index.html", target: "../../../../outside.html"),
        Case(link: "https://example.org/x", page: "index.html", target: nil),
        Case(link: "mailto:desk@example.org", page: "index.html", target: nil),
        Case(link: "//cdn.example.org/x.js", page: "index.html", target: nil),
        Case(link: "a//b/", page: "index.html", target: "a/b/"),
        Case(link: "", page: "events/a/index.html", target: "events/a/index.html"),
        Case(link: "timeline/index.html", page: "index.html", target: "timeline/index.html"),
        Case(link: "../../actors/", page: "events/a/index.html", target: "actors/"),
        Case(link: "../../a/.well-known/x", page: "events/a/index.html", target: "a/.well-known/x"),
        Case(link: "../../a/b/../c.html", page: "events/a/index.html", target: "a/c.html"),
        Case(link: "../x.html", page: "events/a/index.html", target: "events/x.html"),
    ]

    @Test(arguments: cases) func resolvesAgainstThePage(_ test: Case) {
        let resolved = LinkChecker.resolve(test.link, from: test.page)
        #expect(resolved?.0 == test.target)
        #expect(resolved?.1 == test.fragment)
    }
}
