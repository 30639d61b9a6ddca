import Foundation

/// A number with a fixed count of decimals, exactly as `String(format: "%.Nf")` writes it,
/// without going through `NSString` (every event page writes its coordinates twice, in two
/// precisions; `String(format:)` was most of the time its view took outside the locator).
///
/// Swift's own description of a `Double` is the shortest decimal that reads back as the same
/// number; rounding those digits gives what `printf` gets by rounding the exact binary value,
/// except when the digits cut off are exactly one `5` (the binary value then decides which way
/// it goes): that case, and exponent notation, are left to `String(format:)`.
enum FixedDecimal {
    static func text(_ value: Double, places: Int) -> String {
        let shortest = value.description
        guard value.isFinite, abs(value) < 1e15, places >= 0, !shortest.contains("e") else {
            return slow(value, places)
        }
        let negative = shortest.hasPrefix("-")
        let unsigned = negative ? shortest.dropFirst() : Substring(shortest)
        let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        var digits = Array(parts[0].utf8), fraction = parts.count > 1 ? Array(parts[1].utf8) : []
        if fraction.count > places {
            let cut = fraction[places...]
            if cut.count == 1 && cut.first == UInt8(ascii: "5") { return slow(value, places) }
            let roundsUp = cut.first! >= UInt8(ascii: "5")
            fraction.removeLast(fraction.count - places)
            if roundsUp {
                digits += fraction
                var position = digits.count - 1
                while position >= 0 && digits[position] == UInt8(ascii: "9") {
                    digits[position] = UInt8(ascii: "0"); position -= 1
                }
                if position >= 0 { digits[position] += 1 } else { digits.insert(UInt8(ascii: "1"), at: 0) }
                fraction = Array(digits.suffix(places))
                digits.removeLast(places)
            }
        } else {
            fraction += Array(repeating: UInt8(ascii: "0"), count: places - fraction.count)
        }
        return (negative ? "-" : "") + String(decoding: digits, as: UTF8.self)
            + (places > 0 ? "." + String(decoding: fraction, as: UTF8.self) : "")
    }

    private static func slow(_ value: Double, _ places: Int) -> String {
        String(format: "%.\(places)f", value)
    }
}
