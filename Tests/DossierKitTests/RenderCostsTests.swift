import Foundation
import Testing
@testable import DossierKit

/// `dossier build --timings` says where the rendering time went, kind of page by kind.
@Suite struct RenderCostsTests {
    @Test func everyPageIsCountedUnderItsKindWithTheBytesItWrote() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        let summary = try site.build()
        let costs = Dictionary(uniqueKeysWithValues: summary.costs.map { ($0.name, $0) })
        let files = try site.outputFiles()
        let eventPages = files.filter { $0.key.hasPrefix("events/") && $0.key.hasSuffix("/index.html") }
        let event = try #require(costs["event"])
        #expect(event.pages == summary.events && event.pages == eventPages.count)
        #expect(event.bytes == eventPages.values.map(\.count).reduce(0, +), "the HTML counted is the HTML written")
        #expect(event.viewSeconds > 0 && event.templateSeconds > 0)
        let home = try #require(costs["home"])
        #expect(home.pages == 1 && home.bytes == files["index.html"]?.count)
        // Every page is checked and written once; those rows have no template time.
        #expect(costs["link check"]?.pages == summary.pages && costs["write"]?.pages == summary.pages)
        #expect(costs["write"]?.templateSeconds == 0)
        #expect(summary.costs.map(\.seconds) == summary.costs.map(\.seconds).sorted(by: >), "dearest first")
        let table = RenderCost.table(summary.costs)
        #expect(table.count == summary.costs.count + 1)
        #expect(table.contains { $0.hasPrefix("    event ") && $0.contains(" \(summary.events) ") })
    }
}
