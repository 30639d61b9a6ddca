import Foundation

/// The links of Markdown texts already scanned, by text: the preview checks every text's links
/// on each rebuild, and almost all of them are unchanged. Positions are kept relative to the
/// text, so a text that moved in its file (an earlier event was edited) still reports the right line.
public final class LinkScanCache: @unchecked Sendable {
    private var scanned: [String: [CommonMark.TextLink]] = [:]
    private let lock = NSLock()

    public init() {}

    func links(in text: String, scan: (String) -> [CommonMark.TextLink]) -> [CommonMark.TextLink] {
        lock.lock()
        let cached = scanned[text]
        lock.unlock()
        if let cached { return cached }
        let links = scan(text)
        lock.lock()
        scanned[text] = links
        lock.unlock()
        return links
    }
}
