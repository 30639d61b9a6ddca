import Foundation

/// The digits a site writes its own numbers in (dates, counts, figures): Latin (0–9), Arabic-Indic
/// (٠–٩) or Persian (۰–۹). Iraqi media use both of the first two, so a site says which
/// (`digits: latn | arab | arabext`); without it, its language's usual ones, as the platform's
/// locale data has them (`ar-IQ` Arabic-Indic, `ar` Latin, `fa` Persian). Numbers in the
/// report's own text are left as written.
public enum Digits: String, Sendable, CaseIterable {
    case latn, arab, arabext

    /// The language's usual digits, from the platform's locale data.
    static func usual(for language: String) -> Digits {
        Digits(rawValue: Locale(identifier: language).numberingSystem.identifier) ?? .latn
    }

    /// The number in these digits.
    func write(_ number: Int) -> String {
        let text = String(number)
        let zero: UInt32
        switch self {
        case .latn: return text
        case .arab: zero = 0x0660
        case .arabext: zero = 0x06F0
        }
        return String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { scalar in
                    ("0"..."9").contains(scalar) ? Unicode.Scalar(zero + scalar.value - 0x30)! : scalar
                }))
    }
}
