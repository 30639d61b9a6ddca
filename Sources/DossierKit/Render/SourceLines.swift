import NIOConcurrencyHelpers

/// Each cited source's line, rendered once by the theme's `partials/source-line` and placed
/// with `{{{html}}}` wherever the source is shown: under the events citing it, on the sources
/// index, on its own list. The sources index alone rendered 20,000 lines at 10,000 events (a
/// tenth of the event pages' template time), each already rendered for the event citing it.
///
/// A line is keyed by everything the partial can show (the whole `SourceView`), so sources that
/// differ in any field have their own; its fields stay available to themes that lay a source out
/// themselves. One cache per build (`RenderContext`).
final class SourceLines: Sendable {
    static let template = "partials/source-line"

    /// In shards, each under its own lock: every page on every core asks for lines, and one
    /// lock for all of them cost more in waiting than rendering the lines did.
    private let shards = (0..<32).map { _ in NIOLockedValueBox<[EventPage.SourceView: String]>([:]) }
    let templates: TemplateSet

    init(templates: TemplateSet) {
        self.templates = templates
    }

    /// The source as templates see it, with its rendered line.
    func view(_ source: Source, text: DisplayText) -> EventPage.SourceView {
        var view = EventPage.SourceView(source, text: text)
        let lines = shards[Int(UInt(bitPattern: view.hashValue) % UInt(shards.count))]
        if let line = lines.withLockedValue({ $0[view] }) {
            view.html = line
            return view
        }
        var html = templates.render(view, template: Self.template)
        // The line goes where the partial's tag stood, on a line of its own.
        if html.hasSuffix("\n") { html.removeLast() }
        lines.withLockedValue { $0[view] = html }
        view.html = html
        return view
    }
}
