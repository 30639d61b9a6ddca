/// Mixed-direction text where the report's words meet the theme's: a value written in the other
/// direction than the sentence around it is wrapped in Unicode's first-strong isolate (U+2068 …
/// U+2069, UAX #9), the plain-text form of `<bdi>`, which works in titles, attributes and feeds
/// too. Without it "قُتل Qassem Soleimani." shows its full stop at the wrong end, and an Arabic
/// name in an English sentence pulls the words after it to its side.
enum Bidi {
    /// `value` as it is, or isolated when it holds a letter written in the other direction than
    /// the sentence (`rightToLeft`: the sentence's). Digits and punctuation alone need nothing.
    static func isolated(_ value: String, within rightToLeft: Bool) -> String {
        // Most values of an English site are ASCII: nothing to look up (dates and counts are
        // filled in tens of thousands of times a build).
        if !rightToLeft, value.utf8.allSatisfy({ $0 < 0x80 }) { return value }
        let other = value.unicodeScalars.contains { scalar in
            isRightToLeft(scalar) != rightToLeft && scalar.properties.isAlphabetic
        }
        return other ? "\u{2068}" + value + "\u{2069}" : value
    }

    /// Whether a letter belongs to a script written right to left (bidi classes R and AL: Hebrew,
    /// Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic, their presentation forms and the
    /// historic scripts of the supplementary planes).
    static func isRightToLeft(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF, 0x10800...0x10FFF, 0x1E800...0x1EFFF: true
        default: false
        }
    }
}
