/// "Did you mean …?" for mistyped ids and field names.
enum Suggestion {
    /// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo.
    /// Ties go to the candidate that sorts first, so the order of `candidates` does not matter
    /// (a `Set` of ids needs no sorting first).
    static func nearest(to word: String, in candidates: some Sequence<String>) -> String? {
        let limit = max(2, word.count / 3)
        var distance = EditDistance(word, limit: limit)
        var best: (distance: Int, candidate: String)?
        for candidate in candidates where candidate != word {
            guard let found = distance.to(candidate), found <= limit else { continue }
            if let current = best, (current.distance, current.candidate) <= (found, candidate) { continue }
            best = (found, candidate)
        }
        return best?.candidate
    }

    static func hint(for word: String, in candidates: some Sequence<String>) -> String? {
        nearest(to: word, in: candidates).map(didYouMean)
    }

    static func didYouMean(_ suggestion: String) -> String { "did you mean `\(suggestion)`?" }
}

/// Levenshtein distances from one word to many candidates, with the word's scalars and the
/// rows kept between candidates: looking a mistyped id up among 50,000 event ids allocates
/// nothing per candidate, and gives up on one as soon as every path through it is over the limit.
struct EditDistance {
    private let word: [Unicode.Scalar]
    private let limit: Int
    private var candidate: [Unicode.Scalar] = []
    private var previous: [Int] = []
    private var current: [Int] = []

    init(_ word: String, limit: Int) {
        self.word = Array(word.unicodeScalars)
        self.limit = limit
    }

    /// The distance from the word to `other`, or nil when it is over the limit.
    mutating func to(_ other: String) -> Int? {
        // A string's UTF-8 length is known at once, and bounds its scalars (1 to 4 bytes each).
        let bytes = other.utf8.count
        if bytes < word.count - limit || bytes > 4 * (word.count + limit) { return nil }
        candidate.removeAll(keepingCapacity: true)
        candidate.append(contentsOf: other.unicodeScalars)
        let a = word, b = candidate
        if abs(a.count - b.count) > limit { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        previous.removeAll(keepingCapacity: true)
        previous.append(contentsOf: 0...b.count)
        current.removeAll(keepingCapacity: true)
        current.append(contentsOf: repeatElement(0, count: b.count + 1))
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return nil }
            swap(&previous, &current)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }
}

/// Suggestions for the ids a build could not find, among the thousands it has. Each unknown id is
/// looked up once however often it is referenced, and only the first `limit` distinct ones are
/// looked up at all (clang stops its typo correction after 50 the same way): an events file
/// emptied or deleted while other events link to its 1,400 events would otherwise cost a 50,000-
/// event preview minutes of edit distances before it could show the errors.
final class SuggestionBudget {
    private let limit: Int
    private var found: [String: String?] = [:]

    init(limit: Int = 50) {
        self.limit = limit
    }

    /// "Did you mean …?" for `word` among `candidates`, nil when nothing is close or the budget is spent.
    func hint(for word: String, in kind: String, candidates: () -> some Sequence<String>) -> String? {
        let key = kind + "\u{0}" + word
        if let known = found[key] { return known.map(Suggestion.didYouMean) }
        guard found.count < limit else { return nil }
        let suggestion = Suggestion.nearest(to: word, in: candidates())
        found[key] = suggestion
        return suggestion.map(Suggestion.didYouMean)
    }
}
