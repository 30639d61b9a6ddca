import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `dossier new DIR`: a report folder to start from, like `hugo new site` and `zola init`.
///
/// It holds `Content/` only (the theme is built in): a commented `site.yaml` and one example of
/// each kind of file, linked to each other, so that it builds and passes `check` as it is and
/// shows how the pieces fit. The examples are placeholders, marked as such, not facts.
public enum NewReport {
    /// The title and description lines of a new report's `site.yaml`: an import that brings a
    /// title (a TimelineJS title slide) replaces them while they are still these placeholders.
    static let placeholderLines = [
        "title: My report", "description: One or two sentences on what this report follows and why.",
    ]

    /// Every file of the new report, by its path under the report folder.
    static let files: [(path: String, text: String)] = [
        (
            "Content/site.yaml",
            """
            # The report's settings. Every field is described in docs/content-model.md of Dossier.
            # The report's permanent id, made for it: feeds and calendars name its events after it.
            # Keep it for the life of the report, even if its title or address changes.
            id: urn:uuid:REPORT-UUID
            \(placeholderLines[0])
            \(placeholderLines[1])
            language: en                      # a BCP 47 tag: en, en-GB, ar, fa…
            # base_url: https://example.org/my-report/   # the published address, for the feed and sitemap
            authors: [Your Name]
            # license: Text CC BY 4.0

            # The kinds of event the report records; each event's `type` is one of these ids.
            # Colours from Dossier's palette, apart in light and dark mode: #2d6fd2 #d55e00 #288a46
            # #8a3228 #d22dd2 #11c1d4 #8a6d28 #46288a #ff9da7 #666666 (`check` warns of two alike).
            event_types:
              - { id: attack, label: Attack, colour: "#8a3228" }
              - { id: statement, label: Statement, colour: "#8a6d28" }
              - { id: meeting, label: Meeting, colour: "#2d6fd2" }

            home:
              latest: 6                        # how many recent events the home page lists

            """
        ),
        (
            "Content/events/events.yaml",
            """
            # Events: one list per file; split them by year or month as the report grows.
            # Give a date the precision your source gives: 2024-01-28, 2024-01 or 2024.
            - id: example-meeting
              date: 2024-01-28
              title: An example meeting (replace me)
              type: meeting
              location: { name: Example City, country: Example Country }
              actors:
                - { id: example-group, role: participant }
              summary: >-
                What happened, in one paragraph of Markdown. It can link to
                [an actor](actor:example-group) or [a topic](topic:example-topic).
              sources:
                - publisher: Example News
                  title: The article this event rests on
                  url: https://example.org/article
                  date: 2024-01-29
                  quote: The passage of the source that supports the event.
              confidence: reported

            """
        ),
        (
            "Content/actors/example-group.md",
            """
            ---
            id: example-group
            name: Example Group (replace me)
            kind: armed-group   # person, armed-group, state, government-body, military, coalition, organisation
            ---
            A profile in Markdown: who they are, as your sources describe them.

            """
        ),
        (
            "Content/topics/example-topic.md",
            """
            ---
            id: example-topic
            title: An example topic (replace me)
            summary: A thread through the events, such as negotiations or a campaign.
            events: [example-meeting]
            ---
            The topic's narrative in Markdown, linking to [its events](event:example-meeting).

            """
        ),
        (
            "Content/pages/about.md",
            """
            ---
            id: about
            title: About this report
            ---
            Who writes this report, how events are chosen, and how to send a correction.

            """
        ),
    ]

    public enum Failure: Error, CustomStringConvertible {
        case notEmpty(String)
        case fileSystem(FileSystemError)

        public var description: String {
            switch self {
            case .notEmpty(let name): return "\(name) is not empty; dossier new writes only into a new or empty folder"
            case .fileSystem(let error): return error.description
            }
        }
    }

    /// Writes the report into `folder`, which must be missing or empty; never replaces a file.
    /// - Returns: the paths written, relative to `folder`.
    @discardableResult
    public static func create(in folder: URL, shownAs name: String) throws -> [String] {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: folder.path, isDirectory: &isFolder) {
            let entries =
                isFolder.boolValue ? ((try? manager.contentsOfDirectory(atPath: folder.path)) ?? ["?"]) : ["?"]
            if !entries.isEmpty { throw Failure.notEmpty(name) }
        }
        let id = UUID().uuidString.lowercased()
        for (path, template) in files {
            let text = template.replacingOccurrences(of: "REPORT-UUID", with: id)
            let url = folder.appendingPathComponent(path)
            do {
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw Failure.fileSystem(
                    FileSystemError(
                        "create the folder", name + "/" + (path as NSString).deletingLastPathComponent, error: error))
            }
            // O_EXCL: a file that appeared meanwhile is never replaced.
            let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw Failure.fileSystem(FileSystemError("create", name + "/" + path, errno: errno))
            }
            defer { close(descriptor) }
            let bytes = Array(text.utf8)
            if write(descriptor, bytes, bytes.count) != bytes.count {
                throw Failure.fileSystem(FileSystemError("write", name + "/" + path, errno: errno))
            }
        }
        return files.map(\.path)
    }
}
