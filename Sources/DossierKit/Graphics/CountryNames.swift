import Foundation
import NIOConcurrencyHelpers

#if canImport(_FoundationICU)
// The ICU that Foundation carries on Linux: Foundation names a region by its two-letter code,
// and the map data knows countries by three letters (Natural Earth's); ICU pairs the two.
import _FoundationICU
#endif

/// Countries' names in a report's language, for the names written on its maps: from the
/// platform's locale data (CLDR), so an Arabic report's maps say العراق and سوريا, a Persian
/// one's عراق and سوریه. English reports keep the map data's own names (Natural Earth's, which
/// the theme's outlines file may change); a country CLDR does not know keeps them too.
enum CountryNames {
    /// By the map data's code (ISO 3166-1 alpha-3); empty for English.
    static func names(in language: String) -> [String: String] {
        let base = Locale.Language(identifier: language).languageCode?.identifier ?? language
        guard base != "en", !base.isEmpty else { return [:] }
        if let known = cache.withLockedValue({ $0[language] }) { return known }
        let locale = Locale(identifier: language)
        var names: [String: String] = [:]
        for (alpha3, alpha2) in codes {
            if let name = locale.localizedString(forRegionCode: alpha2), name != alpha2 { names[alpha3] = name }
        }
        cache.withLockedValue { $0[language] = names }
        return names
    }

    /// A country as the report's content names it (`Iraq`), in the report's language as its maps
    /// write it (العراق): the page around a map names it alike. The content's name where the map
    /// data or the locale data does not know it, and in English.
    static func name(of country: String, in language: String, geography: Geography) -> String {
        guard let code = geography.country(named: country)?.code else { return country }
        return names(in: language)[code] ?? country
    }

    private static let cache = NIOLockedValueBox<[String: [String: String]]>([:])

    /// Three-letter codes to two-letter ones, for every region ICU knows.
    private static let codes: [(String, String)] = {
        #if canImport(_FoundationICU)
        return Locale.Region.isoRegions.compactMap { region -> (String, String)? in
            let alpha2 = region.identifier
            guard alpha2.count == 2, let pointer = swift_uloc_getISO3Country("und_\(alpha2)") else { return nil }
            let alpha3 = String(cString: pointer)
            return alpha3.count == 3 ? (alpha3, alpha2) : nil
        }
        #else
        return []
        #endif
    }()
}
