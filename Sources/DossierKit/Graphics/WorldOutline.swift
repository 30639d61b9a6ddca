import Foundation

/// The country outlines every map of the site is drawn on: one SVG file (`map/world.svg`) in
/// Web Mercator world units, referenced by each map as an image under its markers, so that
/// 10,000 event pages with a locator map do not carry 10,000 copies of the coastlines.
///
/// The report's countries (named by its events, or holding one of their points) are marked
/// `report`; the theme's `map/world.css` colours them (an image keeps its own styles).
enum WorldOutline {
    static let path = "map/world.svg"
    static let stylePath = "map/world.css"

    /// The countries a report's events are in, by code.
    static func reportCountries(_ report: Report, _ geography: Geography) -> Set<String> {
        var codes = Set<String>()
        var seenNames = Set<String>()
        for event in report.events {
            guard let place = event.location else { continue }
            if let name = place.country, seenNames.insert(name).inserted, let country = geography.country(named: name) {
                codes.insert(country.code)
            }
            if place.country == nil, let point = place.point, let country = geography.country(containing: point) {
                codes.insert(country.code)
            }
        }
        return codes
    }

    static func svg(_ geography: Geography, style: String, reportCountries: Set<String>) -> String {
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1000 1000\">\n<style>\n\(style.replacingOccurrences(of: "</", with: "<\\/"))\n</style>\n"
        for country in geography.countries {
            svg += "<path\(reportCountries.contains(country.code) ? " class=\"report\"" : "") d=\""
            for ring in country.rings {
                // Hundredths of a world unit, relative moves: compact, and finer than the data.
                var previous: (Int, Int)?
                for point in ring {
                    let projected = WebMercator.project(point)
                    let current = (Int((projected.x * 100).rounded()), Int((projected.y * 100).rounded()))
                    if let last = previous {
                        if current == last { continue }
                        svg += "l\(hundredths(current.0 - last.0)) \(hundredths(current.1 - last.1))"
                    } else {
                        svg += "M\(hundredths(current.0)) \(hundredths(current.1))"
                    }
                    previous = current
                }
                svg += "z"
            }
            svg += "\"><title>\(HTMLEscaping().escapeText(country.name))</title></path>\n"
        }
        return svg + "</svg>\n"
    }

    /// 1234 → "12.34", -5 → "-.05".
    private static func hundredths(_ value: Int) -> String {
        let sign = value < 0 ? "-" : "", magnitude = abs(value)
        let whole = magnitude / 100, fraction = magnitude % 100
        let wholeText = whole == 0 && fraction != 0 ? "" : String(whole)
        if fraction == 0 { return sign + String(whole) }
        return sign + wholeText + (fraction % 10 == 0 ? ".\(fraction / 10)" : (fraction < 10 ? ".0\(fraction)" : ".\(fraction)"))
    }

    /// The file for a build, made once per set of inputs (the preview rebuilds often; the
    /// outlines rarely change).
    static func file(_ geography: Geography, style: String, reportCountries: Set<String>) -> OutputFile {
        let key = "\(geography.fingerprint)|\(style)|\(reportCountries.sorted().joined(separator: ","))"
        if let cached = cache.get(), cached.key == key { return cached.file }
        let file = OutputFile(path: path, text: svg(geography, style: style, reportCountries: reportCountries))
        cache.set((key, file))
        return file
    }

    private static let cache = Locked<(key: String, file: OutputFile)?>(nil)
}
