import Crypto
import Foundation

/// Ids that stay the same for the life of a report and of each of its events, whatever else
/// changes (its title, its address): the Atom and JSON feeds' ids and the calendar's UIDs.
///
/// The report's id is `id` in `site.yaml` (any URI; `dossier new` writes a `urn:uuid:`). An
/// event's id is a name-based UUID (RFC 9562, version 5: SHA-1) of its own id within the
/// report's, so it is the same in every build and every file that names the event.
/// A report without `id` is identified by its title, as a name-based UUID too; the build
/// warns, and suggests exactly that id, so adding it changes nothing already published.
enum StableID {
    /// RFC 9562's namespace for names that are URLs (and, here, for other names of a report).
    static let urlNamespace = UUID(uuidString: "6ba7b811-9dad-11d1-80b4-00c04fd430c8")!

    /// The report's id: `site.yaml`'s `id`, or the one its title gives.
    public static func report(_ config: SiteConfig) -> String {
        config.id ?? fromTitle(config.title)
    }

    /// The id a report without `id` has: a name-based UUID of its title.
    static func fromTitle(_ title: String) -> String {
        "urn:uuid:" + nameBased(title, in: urlNamespace).uuidString.lowercased()
    }

    /// An event's id, the same in the Atom feed, the JSON feed and the calendar.
    public static func event(_ id: String, in config: SiteConfig) -> String {
        let report = report(config)
        var namespace = nameBased(report, in: urlNamespace)
        if report.lowercased().hasPrefix("urn:uuid:"),
            let uuid = UUID(uuidString: String(report.dropFirst("urn:uuid:".count)))
        {
            namespace = uuid
        }
        return "urn:uuid:" + nameBased("event:" + id, in: namespace).uuidString.lowercased()
    }

    /// RFC 9562, 5.5: the SHA-1 of the namespace's bytes and the name's UTF-8, with the version
    /// (5) and the variant set.
    static func nameBased(_ name: String, in namespace: UUID) -> UUID {
        var hash = Insecure.SHA1()
        withUnsafeBytes(of: namespace.uuid) { hash.update(bufferPointer: $0) }
        hash.update(data: Data(name.utf8))
        var bytes = Array(hash.finalize().prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }
}
