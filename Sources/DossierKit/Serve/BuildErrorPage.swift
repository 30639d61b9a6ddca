import Foundation

/// What the preview shows at every address while it has no site to show: the first build
/// failed. Before, each address was an empty 404 and the browser a blank page; this page lists
/// the errors (readable without JavaScript) and carries the live-reload script, which shows them
/// in its overlay and reloads the page once a save fixes them.
enum BuildErrorPage {
    static func html(_ diagnostics: [Diagnostic]) -> String {
        let escaping = HTMLEscaping()
        let items = diagnostics.map { (diagnostic: Diagnostic) -> String in
            let place = escaping.escapeText(diagnostic.location.description)
            let hint = diagnostic.hint.map { "<br><small>hint: " + escaping.escapeText($0) + "</small>" } ?? ""
            return "<li><code>" + place + ": " + diagnostic.severity.rawValue + "</code><br>"
                + escaping.escapeText(diagnostic.message) + hint + "</li>"
        }.joined(separator: "\n")
        return """
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>The report did not build</title></head>
            <body>
            <main>
            <h1>The report did not build</h1>
            <p>Fix the files below and save: this page updates by itself.</p>
            <ol>
            \(items)
            </ol>
            </main>
            \(LiveReloadScript.tag(buildID: ""))
            </body>
            </html>

            """
    }
}
