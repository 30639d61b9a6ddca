import Foundation

/// Where every link of a page starts: the way from the page up to the site's root (`""`,
/// `"../"`, `"../../"`), written as a marker while the page is rendered and put in when the page
/// is finished (`resolve`).
///
/// Links must be relative to their page (a site works under any sub-path and from `file://`), so
/// a part shown on pages at several depths would otherwise be rendered once per depth: an event's
/// card on its month's page (`timeline/2024/02/`), its type's (`types/strike/`) and the second
/// page of its topic (`topics/talks/page/2/`). With the marker the card, the one-line event link,
/// the header and the footer are the same on every page and rendered once.
///
/// The marker is U+0001, a control character. Report text cannot hold one (`TextSafety` refuses
/// it in content and in the theme's `text.yaml`), nor can a template (`TemplateSet.load`), so
/// every U+0001 in a rendered page is the start of a link. cmark writes it `%01` in the address
/// of a Markdown link (`PageLinks.html` puts it back).
enum SiteRoot {
    static let marker = "\u{1}"
    private static let byte: UInt8 = 0x01

    /// The page's HTML with each marker replaced by `root`; untouched when it has none.
    static func resolve(_ html: String, root: String) -> String {
        html.replacingSlot(marker, with: root)
    }

    /// cmark escapes the marker in a link's address as `%01`; a rewritten link starts with it
    /// (`href="%01…"`, `src="%01…"`), and only those are put back. Bytes, not Foundation's
    /// `replacingOccurrences`, which copied every event's body through `NSString`.
    static func restoreInMarkdown(_ html: String) -> String {
        let escaped = Array("%01".utf8)
        var bytes = html
        let restored = bytes.withUTF8 { bytes -> String? in
            var result: [UInt8] = []
            var copied = 0, index = 0
            while index + 3 <= bytes.count {
                if bytes[index] == escaped[0], bytes[index + 1] == escaped[1], bytes[index + 2] == escaped[2],
                    startsAddress(bytes, at: index)
                {
                    if result.isEmpty { result.reserveCapacity(bytes.count) }
                    result.append(contentsOf: bytes[copied..<index])
                    result.append(byte)
                    index += 3
                    copied = index
                } else {
                    index += 1
                }
            }
            guard copied > 0 else { return nil }
            result.append(contentsOf: bytes[copied...])
            return String(decoding: result, as: UTF8.self)
        }
        return restored ?? html
    }

    /// Whether `index` is just inside `href="` or `src="`.
    private static func startsAddress(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        for attribute in ["href=\"", "src=\""] {
            let name = attribute.utf8
            if index >= name.count, bytes[(index - name.count)..<index].elementsEqual(name) { return true }
        }
        return false
    }
}

extension String {
    /// The text with every occurrence of `slot`, a one-byte control character, replaced by
    /// `value`; the same string when it has none (the common case, found by `memchr`).
    func replacingSlot(_ slot: String, with value: String) -> String {
        let slotByte = slot.utf8.first!
        var copy = self
        let replaced = copy.withUTF8 { bytes -> String? in
            guard let base = bytes.baseAddress, memchr(base, Int32(slotByte), bytes.count) != nil else { return nil }
            let value = Array(value.utf8)
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + 32 * value.count)
            var start = 0
            while start < bytes.count {
                guard let found = memchr(base + start, Int32(slotByte), bytes.count - start) else {
                    result.append(contentsOf: bytes[start...])
                    break
                }
                let at = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
                result.append(contentsOf: bytes[start..<at])
                result.append(contentsOf: value)
                start = at + 1
            }
            return String(decoding: result, as: UTF8.self)
        }
        return replaced ?? self
    }
}
