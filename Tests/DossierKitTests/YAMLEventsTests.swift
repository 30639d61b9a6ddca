import Testing
@testable import DossierKit

/// Valid YAML read from libyaml's events (`YAMLEvents`) gives the very tree — values, nulls,
/// positions, merges, aliases — that composing it with Yams and converting gives; anything else
/// is left to Yams, so that errors keep its messages.
@Suite struct YAMLEventsTests {
    static let valid: [String] = [
        "",
        "# only a comment\n",
        "---\n",
        "title: plain\n",
        "a: 'single'\nb: \"double \\u00e9\"\nc: plain words\nd:\ne: ~\nf: null\ng: NULL\nh: ''\ni: \"~\"\n",
        "body: |\n  First line.\n\n  Second *paragraph*.\nafter: x\n",
        "folded: >\n  one\n  two\nkept: |+\n  kept\n\n",
        "- id: one\n  tags: [a, b, c]\n  location: { name: Basra, lat: 30.5, lon: 47.8 }\n- id: two\n  actors:\n    - { id: x, role: target }\n    - id: y\n      role: mentioned\n",
        "nested:\n  deeper:\n    - - a\n      - b\n    - {}\n    - []\n",
        "base: &base\n  type: strike\n  confidence: reported\nevents:\n  - <<: *base\n    id: one\n  - <<: *base\n    id: two\n    type: statement\n",
        "a: &a { x: 1 }\nb: &b { y: 2, x: 3 }\nc:\n  <<: [*a, *b]\n  z: 4\n",
        "name: &n Basra\nplace: *n\nlist: &l [1, 2]\ncopy: *l\n",
        "{\"events\": [{\"id\": \"a\", \"title\": \"Talks\", \"n\": 3, \"ok\": true, \"none\": null}]}",
        "title: Bagdad – بغداد, «quoted» 🕊\nnote: \"tab\\there\"\n",
        "? plain key\n: value\n",
        "'quoted key': 1\n\"~\": 2\n",
        "- &first one\n- *first\n- !!str 3\n- !custom tagged\n",
    ]

    @Test(arguments: valid)
    func theEventsGiveTheTreeYamsGives(_ text: String) {
        for offset in [0, 7] {
            let log = DiagnosticLog()
            let expected = YAMLReader.composeWithYams(text, file: "x.yaml", lineOffset: offset, log: log)
            let read = YAMLEvents.read(
                text, file: "x.yaml", lineOffset: offset, aliasLimit: YAMLReader.aliasExpansionLimit)
            #expect(log.diagnostics.isEmpty)
            #expect(read != nil, "valid YAML is read from the events")
            #expect(read == expected)
        }
    }

    /// What Yams reports as an error (or what the limit stops) is not read here.
    static let leftToYams: [String] = [
        "a: [1, 2\n",
        "a: 1\na: 2\n",
        "one: 1\n---\ntwo: 2\n",
        "a: *missing\n",
        "a:\n\tb: tab\n",
        "a: b: c\n",
    ]

    @Test(arguments: leftToYams)
    func errorsAreLeftToYams(_ text: String) {
        #expect(YAMLEvents.read(text, file: "x.yaml", lineOffset: 0, aliasLimit: YAMLReader.aliasExpansionLimit) == nil)
        let log = DiagnosticLog()
        _ = YAMLReader.parse(text, file: "x.yaml", log: log)
        #expect(log.hasErrors, "Yams reports it")
    }

    /// A key that is a list or a mapping is valid YAML that Dossier's files never need: Yams
    /// reads it (as a key without text, which the decoders then refuse by name).
    @Test func aKeyThatIsACollectionIsLeftToYams() {
        let text = "? [complex, key]\n: value\n"
        #expect(YAMLEvents.read(text, file: "x.yaml", lineOffset: 0, aliasLimit: YAMLReader.aliasExpansionLimit) == nil)
        #expect(YAMLReader.parse(text, file: "x.yaml", log: DiagnosticLog()) != nil)
    }

    @Test func aliasesPastTheLimitAreLeftToYams() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...6 {
            text +=
                "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
                + "]\n"
        }
        #expect(YAMLEvents.read(text, file: "x.yaml", lineOffset: 0, aliasLimit: 1_000) == nil)
        #expect(
            YAMLEvents.read(text, file: "x.yaml", lineOffset: 0, aliasLimit: 100_000_000) != nil,
            "a billion laughs under the limit is read without copying (the lists are shared)")
        let log = DiagnosticLog()
        #expect(YAMLReader.parse(text, file: "x.yaml", log: log, aliasLimit: 1_000) == nil)
        #expect(log.diagnostics.contains { $0.message.contains("aliases") })
    }
}
