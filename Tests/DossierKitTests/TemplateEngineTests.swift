import Foundation
import Mustache
import Testing
@testable import DossierKit

/// The compiled theme (`TemplateProgram`, `ProgramRenderer`) against swift-mustache, the
/// reference engine (#33): the Mustache specification's suites, and whole sites built both ways.
@Suite struct TemplateEngineTests {
    static let specFolder = TestSite.repository.appendingPathComponent("Tests/Fixtures/mustache-spec")

    struct SpecTest {
        var suite: String
        var name: String
        var data: Any
        var template: String
        var partials: [String: String]
        var expected: String
    }

    /// A spec's data as swift-mustache's own spec tests decode it: booleans, integers, doubles,
    /// strings, lists, objects and null, each as its Swift type.
    enum SpecValue: Decodable {
        case value(Any)

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .value(NSNull())
            } else if let flag = try? container.decode(Bool.self) {
                self = .value(flag)
            } else if let number = try? container.decode(Int.self) {
                self = .value(number)
            } else if let number = try? container.decode(Double.self) {
                self = .value(number)
            } else if let text = try? container.decode(String.self) {
                self = .value(text)
            } else if let list = try? container.decode([SpecValue].self) {
                self = .value(list.map(\.any))
            } else {
                self = .value(try container.decode([String: SpecValue].self).mapValues(\.any))
            }
        }

        var any: Any {
            switch self {
            case .value(let value): value
            }
        }
    }

    struct SpecFile: Decodable {
        struct Test: Decodable {
            var name: String
            var data: SpecValue
            var template: String
            var partials: [String: String]?
            var expected: String
        }
        var tests: [Test]
    }

    static func specTests(_ suite: String) throws -> [SpecTest] {
        let data = try Data(contentsOf: specFolder.appendingPathComponent(suite + ".json"))
        return try JSONDecoder().decode(SpecFile.self, from: data).tests.map { test in
            SpecTest(
                suite: suite, name: test.name, data: test.data.any, template: test.template,
                partials: test.partials ?? [:], expected: test.expected)
        }
    }

    /// Both engines over one spec test: swift-mustache's output and the compiled form's (nil
    /// when it declines the template).
    static func render(_ test: SpecTest) throws -> (reference: String, compiled: String?) {
        var templates = ["__test__": try MustacheTemplate(string: test.template)]
        for (name, text) in test.partials { templates[name] = try MustacheTemplate(string: text) }
        let library = MustacheLibrary(templates: templates)
        let reference = library.render(test.data, withTemplate: "__test__") ?? ""
        let compiled = TemplatePrograms(library: library, names: templates.keys).render(test.data, template: "__test__")
        return (reference, compiled)
    }

    @Test(arguments: ["comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance"])
    func theSpecSuitesRenderAsSwiftMustacheRendersThem(suite: String) throws {
        let tests = try Self.specTests(suite)
        #expect(tests.count >= 10)
        var passed = 0
        for test in tests {
            let (reference, compiled) = try Self.render(test)
            #expect(compiled == reference, "\(suite): \(test.name)")
            if reference == test.expected {
                passed += 1
                #expect(compiled == test.expected, "\(suite): \(test.name)")
            }
        }
        // The reference passes (nearly) all of each suite: this is not a comparison of two
        // engines that both render nothing.
        #expect(passed * 10 >= tests.count * 9, "\(suite): swift-mustache passes \(passed) of \(tests.count)")
    }

    /// A dynamic partial name (`{{>*name}}`) is a construct the compiled form leaves out: it
    /// declines the template, which swift-mustache then renders.
    @Test func dynamicNamesAreLeftToSwiftMustache() throws {
        let tests = try Self.specTests("~dynamic-names")
        var declined = 0
        for test in tests {
            let (_, compiled) = try Self.render(test)
            if test.template.contains("*") && (test.template.contains("{{>") || test.template.contains("{{<")) {
                if compiled == nil { declined += 1 }
            }
        }
        #expect(declined >= 10)
    }

    /// Every file of a site built with the compiled templates is the file swift-mustache makes.
    static func expectSameSite(_ root: URL, templates: URL, _ label: String) throws -> TemplateEngineUse {
        var summaries: [TemplateEngine: TemplateEngineUse] = [:]
        var sites: [TemplateEngine: [String: Data]] = [:]
        for engine in TemplateEngine.allCases {
            var options = BuildOptions(root: root)
            options.templates = templates
            options.output = root.appendingPathComponent("Site-\(engine.rawValue)")
            options.templateEngine = engine
            let summary = try SiteBuilder(options: options).build()
            summaries[engine] = summary.templates
            sites[engine] = try TestSite.files(in: options.output)
        }
        let compiled = try #require(sites[.compiled]), reference = try #require(sites[.reference])
        #expect(compiled.count == reference.count && compiled.count > 20, "\(label): \(compiled.count) files")
        #expect(Set(compiled.keys) == Set(reference.keys), "\(label)")
        let differing = reference.keys.filter { compiled[$0] != reference[$0] }.sorted()
        #expect(differing.isEmpty, "\(label): \(differing.count) files differ, first \(differing.prefix(5))")
        if let first = differing.first, let one = compiled[first], let other = reference[first] {
            let a = String(decoding: one, as: UTF8.self), b = String(decoding: other, as: UTF8.self)
            let common = zip(a, b).prefix { $0 == $1 }.count
            Issue.record(
                "\(first) differs at character \(common): compiled «\(a.dropFirst(common).prefix(120))» reference «\(b.dropFirst(common).prefix(120))»"
            )
        }
        #expect(summaries[.reference]?.engine == .reference)
        return try #require(summaries[.compiled])
    }

    @Test func theSampleSiteIsTheSameWithEitherEngine() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        let use = try Self.expectSameSite(site.root, templates: site.templates, "sample")
        #expect(use == TemplateEngineUse(engine: .compiled), "\(use.line)")
    }

    @Test(arguments: [SyntheticReport.Corpus.dossier, .neutral])
    func generatedSitesAreTheSameWithEitherEngine(corpus: SyntheticReport.Corpus) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-engines-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        var report = SyntheticReport(events: 400, actors: 40, seed: 11, corpus: corpus)
        if corpus == .dossier {
            report.shape = .init(
                years: 6, bodyWords: 225, sourcesPerEvent: 3, topics: 8, topicOfEveryEvent: true, actorWords: 300,
                countries: 6)
        }
        try report.write(to: root)
        let use = try Self.expectSameSite(
            root, templates: TestSite.repository.appendingPathComponent("Templates"), "\(corpus)")
        #expect(use.renderedByReference == [])
    }

    /// A template the compiled form leaves out renders through swift-mustache, the same, and
    /// `--timings` says which. (A theme cannot hold one today: `check` refuses dynamic partial
    /// names, and Dossier's values hold no lambda; a later swift-mustache may add constructs.)
    @Test func aTemplateWithoutAProgramRendersThroughSwiftMustache() throws {
        let templates = [
            "page": try MustacheTemplate(string: "<p>{{title}}</p>{{>*which}}{{>footer}}"),
            "footer": try MustacheTemplate(string: "<footer>{{title}}</footer>"),
            "note": try MustacheTemplate(string: "<aside>{{title}} & co</aside>"),
        ]
        let library = MustacheLibrary(templates: templates)
        var set = TemplateSet(library: library, folder: TestSite.repository, displayName: "Templates")
        set.programs = TemplatePrograms(library: library, names: templates.keys)
        // (A plain `String`: the dynamic name is looked up as one, not as Dossier's text.)
        let value = TemplateObject(["title": TemplateText("A <b>"), "which": "note"])
        let html = set.renderConverted(value, template: "page")
        #expect(html == "<p>A &lt;b&gt;</p><aside>A &lt;b&gt; & co</aside><footer>A &lt;b&gt;</footer>")
        #expect(html == library.render(value, withTemplate: "page"))
        #expect(set.renderConverted(value, template: "footer") == "<footer>A &lt;b&gt;</footer>")
        let use = TemplateEngineUse(set)
        #expect(use.renderedByReference == ["page"])
        #expect(use.line.contains("swift-mustache rendered page"))
    }
}
