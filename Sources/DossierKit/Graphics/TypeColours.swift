import Foundation

/// Each event type's colour in light and dark: site.yaml gives one (`colour`, and optionally
/// `colour_dark`); what the page needs is derived so that a type's badges, bars and markers keep
/// 4.5:1 against the default theme's paper and the badge's text (WCAG asks 3:1 of graphics,
/// 4.5:1 of text). A colour that already contrasts enough is kept as it is.
///
/// Written to `assets/types.css`: one rule per type keyed by `data-type`, light and dark, so that
/// pages carry `data-type="attack"` rather than the colour itself (50,000 cards, one attribute
/// each).
enum TypeColours {
    static let path = "assets/types.css"
    /// The default theme's paper: light (badge text is white on the colour) and dark (badge text
    /// is the dark paper on the colour).
    static let lightPaper = RGB(hex: "#ffffff")!, darkPaper = RGB(hex: "#16191d")!

    struct RGB: Equatable {
        var red, green, blue: Double

        init(red: Double, green: Double, blue: Double) { (self.red, self.green, self.blue) = (red, green, blue) }

        init?(hex: String) {
            var digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
            if digits.count == 3 { digits = digits.map { "\($0)\($0)" }.joined() }
            guard digits.count == 6, let value = Int(digits, radix: 16) else { return nil }
            red = Double((value >> 16) & 0xFF) / 255
            green = Double((value >> 8) & 0xFF) / 255
            blue = Double(value & 0xFF) / 255
        }

        var hex: String {
            let parts = [red, green, blue].map { Int(($0 * 255).rounded()) }
            return "#" + parts.map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
        }

        /// WCAG relative luminance.
        var luminance: Double {
            func channel(_ value: Double) -> Double {
                value <= 0.03928 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
        }

        func contrast(with other: RGB) -> Double {
            let (a, b) = (luminance, other.luminance)
            return (max(a, b) + 0.05) / (min(a, b) + 0.05)
        }

        func mixed(with other: RGB, _ amount: Double) -> RGB {
            RGB(
                red: red + (other.red - red) * amount, green: green + (other.green - green) * amount,
                blue: blue + (other.blue - blue) * amount)
        }
    }

    /// The colour moved towards `towards` (white to lighten, black to darken) in small steps until
    /// it contrasts 4.5:1 with `paper`; the same hue, as little changed as it can be.
    static func legible(_ colour: RGB, on paper: RGB, towards: RGB) -> RGB {
        var step = 0.0
        var candidate = colour
        while candidate.contrast(with: paper) < 4.5, step < 1 {
            step += 0.02
            candidate = colour.mixed(with: towards, step)
        }
        return candidate
    }

    static func light(_ type: SiteConfig.EventType) -> String {
        guard let colour = RGB(hex: type.colour) else { return type.colour }
        return legible(colour, on: lightPaper, towards: RGB(red: 0, green: 0, blue: 0)).hex
    }

    static func dark(_ type: SiteConfig.EventType) -> String {
        if let explicit = type.darkColour { return explicit }
        guard let colour = RGB(hex: type.colour) else { return type.colour }
        return legible(colour, on: darkPaper, towards: RGB(red: 1, green: 1, blue: 1)).hex
    }

    /// Dossier's palette for event types (`dossier new`, imports, the generator, the sample): ten
    /// colours that stay apart as pages draw them, in light mode and in dark (after `light` and
    /// `dark`): CIEDE2000 ΔE ≥ 17.8 between any two, in both modes (found by search over hues
    /// and the Tableau and Okabe–Ito palettes, maximising the smallest difference).
    static let palette = [
        "#2d6fd2", "#d55e00", "#288a46", "#8a3228", "#d22dd2", "#11c1d4", "#8a6d28", "#46288a", "#ff9da7", "#666666",
    ]

    /// Below this ΔE₀₀ between two types' colours as drawn, `check` warns: readers tell types
    /// apart by colour in charts and on maps (the marker shapes help on maps only).
    static let distinctDifference = 10.0

    /// Pairs of types whose colours, as a page draws them, are hard to tell apart: in which mode
    /// and by how much (ΔE₀₀), the closest first.
    static func lookAlike(
        _ types: [SiteConfig.EventType]
    ) -> [(first: SiteConfig.EventType, second: SiteConfig.EventType, mode: String, difference: Double)] {
        let drawn = types.map { type in (type, RGB(hex: light(type)), RGB(hex: dark(type))) }
        var found: [(first: SiteConfig.EventType, second: SiteConfig.EventType, mode: String, difference: Double)] = []
        for (index, one) in drawn.enumerated() {
            for two in drawn[(index + 1)...] {
                var closest: (mode: String, difference: Double)?
                for (mode, a, b) in [("light", one.1, two.1), ("dark", one.2, two.2)] {
                    guard let a, let b else { continue }
                    let difference = ColourDifference.ciede2000(a, b)
                    if difference < distinctDifference, difference < closest?.difference ?? .infinity {
                        closest = (mode, difference)
                    }
                }
                if let closest { found.append((one.0, two.0, closest.mode, closest.difference)) }
            }
        }
        return found.sorted { $0.difference < $1.difference }
    }

    /// The stylesheet. Type ids are identifiers and colours are checked hex values, safe in CSS.
    static func stylesheet(_ config: SiteConfig) -> OutputFile {
        var light = "", dark = ""
        for type in config.eventTypes {
            light += "[data-type=\"\(type.id)\"] { --type-colour: \(self.light(type)); }\n"
            dark += "  [data-type=\"\(type.id)\"] { --type-colour: \(self.dark(type)); }\n"
        }
        let text =
            "/* Written by Dossier from site.yaml's event types: each type's colour, adjusted where the one given\n"
            + "   would not contrast 4.5:1 with the page and the badge's text, and its dark-mode colour. */\n"
            + light + "@media (prefers-color-scheme: dark) {\n" + dark + "}\n"
        return OutputFile(path: path, text: text)
    }
}
