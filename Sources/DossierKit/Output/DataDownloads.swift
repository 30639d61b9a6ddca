import Foundation
import NIOConcurrencyHelpers

/// The data downloads of one build and their sizes, for the Downloads page.
///
/// A build makes each file once, writes it and lets it go (at 50,000 events the files are
/// hundreds of megabytes: they are made while memory is lowest, before the pages); the sizes
/// stay. The preview makes a file when the browser asks. The Downloads page asks for sizes,
/// and a file not yet made is made for it, so the page always states the size of the file
/// that is published with it.
final class DataDownloads: Sendable {
    /// The downloads, in the order the Downloads page and the writer list them.
    static let paths = [SitePaths.eventsJSON, SitePaths.eventsCSV, SitePaths.eventsGeoJSON, CalendarExport.path]

    private let makers: [String: @Sendable () -> Data]
    private let sizes = NIOLockedValueBox<[String: Int]>([:])

    init(report: Report, text: DisplayText, markdown: CommonMark) {
        // Links in the GeoJSON are absolute when the site's address is known, else from the site's root.
        let base = report.config.baseURL ?? ""
        makers = [
            SitePaths.eventsJSON: { DataExport.json(report).data },
            SitePaths.eventsCSV: { DataExport.csv(report).data },
            SitePaths.eventsGeoJSON: {
                DataExport.geoJSON(report) { base + SitePaths.event($0).dropLast("index.html".count) }.data
            },
            CalendarExport.path: { CalendarExport.file(report, text: text, markdown: markdown).data },
        ]
    }

    private func make(_ path: String) -> Data {
        let data = makers[path]?() ?? Data()
        sizes.withLockedValue { $0[path] = data.count }
        return data
    }

    /// The file's size in bytes (made now if it was not).
    func size(_ path: String) -> Int {
        if let size = sizes.withLockedValue({ $0[path] }) { return size }
        return make(path).count
    }

    /// How to make each download now, one function a file, to run on every core with the
    /// build's other files (`SiteRenderer.supportFiles`).
    var fileMakers: [@Sendable () -> OutputFile] {
        Self.paths.map { path in { [self] in OutputFile(path: path, contents: .data(make(path))) } }
    }

    /// Every download, made when first read (the preview).
    var deferred: [OutputFile] {
        Self.paths.map { path in OutputFile(path: path, contents: .deferred(DeferredData { [self] in make(path) })) }
    }
}
