/// Whether a `language` setting is a well-formed BCP 47 tag (RFC 5646, section 2.1): `en`,
/// `en-GB`, `ar`, `fa-IR`, `zh-Hant-TW`, `sr-Latn`, `x-private`. It is written into every
/// page's `<html lang>` and the feed, where browsers, screen readers and search engines read it.
enum LanguageTag {
    static func isWellFormed(_ tag: String) -> Bool {
        let subtags = tag.split(separator: "-", omittingEmptySubsequences: false).map { $0.lowercased() }
        guard !subtags.isEmpty,
            subtags.allSatisfy({
                !$0.isEmpty && $0.count <= 8 && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
            })
        else {
            return false
        }
        func alpha(_ text: String, _ lengths: ClosedRange<Int>) -> Bool {
            lengths.contains(text.count) && text.allSatisfy(\.isLetter)
        }
        func digits(_ text: String, _ count: Int) -> Bool { text.count == count && text.allSatisfy(\.isNumber) }
        var index = 0
        func next() -> String? { index < subtags.count ? subtags[index] : nil }
        // Private use only: x-anything.
        if subtags[0] == "x" { return subtags.count > 1 }
        // language: 2–3 letters, with up to three 3-letter extlangs. (The grammar also allows 4–8
        // letters, but the registry holds no such language: `English` is a mistake, not a tag.)
        guard alpha(subtags[0], 2...3) else { return false }
        index = 1
        var extlangs = 0
        while let subtag = next(), alpha(subtag, 3...3), extlangs < 3 { index += 1; extlangs += 1 }
        if let subtag = next(), alpha(subtag, 4...4) { index += 1 }  // script
        if let subtag = next(), alpha(subtag, 2...2) || digits(subtag, 3) { index += 1 }  // region
        // variants
        while let subtag = next(), subtag.count >= 5 || (subtag.count == 4 && subtag.first!.isNumber) { index += 1 }
        // extensions: a singleton, then subtags of 2–8 characters.
        while let singleton = next(), singleton.count == 1, singleton != "x" {
            index += 1
            var count = 0
            while let subtag = next(), subtag.count >= 2 { index += 1; count += 1 }
            if count == 0 { return false }
        }
        if next() == "x" {
            index += 1
            guard next() != nil else { return false }
            index = subtags.count
        }
        return index == subtags.count
    }
}
