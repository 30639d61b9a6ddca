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
        // Written as bytes: the file has some 20,000 numbers, and building each as a String
        // took longer than the rest of the sample report's build.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(128 * 1024)
        func write(_ text: String) { bytes.append(contentsOf: text.utf8) }
        write("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1000 1000\">\n<style>\n\(style.replacingOccurrences(of: "</", with: "<\\/"))\n</style>\n")
        for country in geography.countries {
            write(reportCountries.contains(country.code) ? "<path class=\"report\" d=\"" : "<path d=\"")
            for ring in country.rings {
                // Hundredths of a world unit, relative moves: compact, and finer than the data.
                var previous: (Int, Int)?
                for point in ring {
                    let projected = WebMercator.project(point)
                    let current = (Int((projected.x * 100).rounded()), Int((projected.y * 100).rounded()))
                    if let last = previous {
                        if current == last { continue }
                        bytes.append(UInt8(ascii: "l"))
                        appendHundredths(current.0 - last.0, to: &bytes)
                        bytes.append(UInt8(ascii: " "))
                        appendHundredths(current.1 - last.1, to: &bytes)
                    } else {
                        bytes.append(UInt8(ascii: "M"))
                        appendHundredths(current.0, to: &bytes)
                        bytes.append(UInt8(ascii: " "))
                        appendHundredths(current.1, to: &bytes)
                    }
                    previous = current
                }
                bytes.append(UInt8(ascii: "z"))
            }
            write("\"><title>\(HTMLEscaping().escapeText(country.name))</title></path>\n")
        }
        write("</svg>\n")
        return String(decoding: bytes, as: UTF8.self)
    }

    /// 1234 → "12.34", -5 → "-.05", 300 → "3".
    static func appendHundredths(_ value: Int, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = abs(value)
        let whole = magnitude / 100, fraction = magnitude % 100
        if whole > 0 || fraction == 0 { appendDigits(whole, to: &bytes) }
        guard fraction > 0 else { return }
        bytes.append(UInt8(ascii: "."))
        bytes.append(UInt8(ascii: "0") + UInt8(fraction / 10))
        if fraction % 10 != 0 { bytes.append(UInt8(ascii: "0") + UInt8(fraction % 10)) }
    }

    private static func appendDigits(_ value: Int, to bytes: inout [UInt8]) {
        if value >= 10 { appendDigits(value / 10, to: &bytes) }
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
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
