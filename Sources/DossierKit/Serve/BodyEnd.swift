import Foundation

/// Where the preview adds to a built page: before its last `</body>`, so that what is added
/// is inside the body whatever the theme put before it, or at the end of a page without one.
enum BodyEnd {
    private static let closing = Data("</body>".utf8)

    static func inserting(_ tag: Data, into page: Data) -> Data {
        guard let end = page.range(of: closing, options: .backwards) else { return page + tag }
        var result = page
        result.replaceSubrange(end.lowerBound..<end.lowerBound, with: tag)
        return result
    }
}
