import Foundation
import NIOConcurrencyHelpers

#if canImport(_FoundationICU)
// The ICU that Foundation carries on Linux, with CLDR's plural rules for every language:
// Foundation has no public API for a count's plural category.
import _FoundationICU
#endif

/// The CLDR plural category of a count in a language: what decides between "1 event", "2
/// events", and Arabic's six forms (0 `zero`, 1 `one`, 2 `two`, 3–10 `few`, 11–99 `many`,
/// 100 `other`). A text with a count (`events.one`, `events.other`) may have a form per
/// category; the one missing falls back to `other`.
enum PluralCategory: String, Sendable, CaseIterable {
    case zero, one, two, few, many, other

    /// The category of `count` in `language` (a BCP 47 tag such as `ar` or `fa-IR`), by CLDR's
    /// rules as the platform's ICU has them; where there is none, English's (1 is `one`).
    static func of(_ count: Int, language: String) -> PluralCategory { Rules(language: language).category(count) }

    /// One language's rules, looked up once: a text keeps its language's (`DisplayText`), so
    /// writing a count on any core takes no lock.
    struct Rules: Sendable {
        #if canImport(_FoundationICU)
        private let icu: ICURules?
        #endif

        init(language: String) {
            #if canImport(_FoundationICU)
            icu = PluralCategory.rules(for: language)
            #endif
        }

        func category(_ count: Int) -> PluralCategory {
            #if canImport(_FoundationICU)
            if let category = icu?.select(count) { return category }
            #endif
            return count == 1 ? .one : .other
        }
    }

    #if canImport(_FoundationICU)
    /// One language's ICU rules, opened once: selecting is a read of them, safe from any thread.
    final class ICURules: @unchecked Sendable {
        private let rules: OpaquePointer

        init?(language: String) {
            var status = U_ZERO_ERROR
            guard let rules = swift_uplrules_open(language, &status), status.rawValue <= U_ZERO_ERROR.rawValue
            else { return nil }
            self.rules = rules
        }

        deinit { swift_uplrules_close(rules) }

        func select(_ count: Int) -> PluralCategory? {
            var status = U_ZERO_ERROR
            var buffer = [UChar](repeating: 0, count: 16)
            let length = swift_uplrules_select(rules, Double(count), &buffer, Int32(buffer.count), &status)
            guard status.rawValue <= U_ZERO_ERROR.rawValue, length > 0 else { return nil }
            return PluralCategory(rawValue: String(utf16CodeUnits: buffer, count: Int(length)))
        }
    }

    private static let opened = NIOLockedValueBox<[String: ICURules?]>([:])

    static func rules(for language: String) -> ICURules? {
        opened.withLockedValue { opened in
            if let rules = opened[language] { return rules }
            let rules = ICURules(language: language)
            opened[language] = rules
            return rules
        }
    }
    #endif
}
