import Foundation

/// The small script every page gets while previewing: it listens to the server's event stream
/// and reloads the page after a rebuild, swaps stylesheets when only CSS changed, and shows the
/// build's errors in an overlay that goes away by itself once they are fixed.
enum LiveReloadScript {
    static let path = "/__dossier/livereload.js"
    static let eventsPath = "/__dossier/events"

    /// The tag added before `</body>`: its length depends only on the build id's length.
    static func tag(buildID: String) -> String {
        "<script src=\"\(path)\" data-build=\"\(buildID)\"></script>"
    }

    /// The page with the tag inserted before its last `</body>` (or at the end).
    static func inject(into html: Data, buildID: String) -> Data {
        BodyEnd.inserting(Data(tag(buildID: buildID).utf8), into: html)
    }

    static let source = #"""
        // Dossier live reload: injected by `dossier serve`, never written to Site/.
        (function () {
          "use strict";
          var me = document.currentScript;
          // Tells the theme's search page that it is in a preview, and which search index the
          // server has made last (`search`): the page merges the index of the pages edits
          // changed over the full one, and searches again when a new one comes.
          var preview = window.dossierPreview = { search: null };
          function searchIndex(generation) {
            if (typeof generation !== "number" || generation === preview.search) return;
            preview.search = generation;
            window.dispatchEvent(new CustomEvent("dossier:search", { detail: { generation: generation } }));
          }
          var build = me ? me.getAttribute("data-build") : "";
          var overlay = null;

          function showErrors(diagnostics) {
            if (!overlay) {
              overlay = document.createElement("div");
              overlay.id = "dossier-error-overlay";
              overlay.setAttribute("role", "alertdialog");
              overlay.setAttribute("aria-label", "Build errors");
              overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;background:rgba(20,20,24,.94);color:#f4f4f4;" +
                "font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:2rem;overflow:auto";
              document.body.appendChild(overlay);
            }
            overlay.innerHTML = "<h2 style=\"font:600 20px system-ui,sans-serif;color:#ff8a80;margin:0 0 1rem\">The last change did not build</h2>" +
              "<p style=\"font:15px system-ui,sans-serif;margin:0 0 1.5rem;color:#ccc\">Fix the file and save: this page updates by itself.</p>";
            var list = document.createElement("ol");
            diagnostics.forEach(function (d) {
              var item = document.createElement("li");
              item.style.marginBottom = "1rem";
              var where = d.file + (d.line ? ":" + d.line + (d.column ? ":" + d.column : "") : "");
              [[where + ": " + d.severity, "#9ecbff"], [d.message, "inherit"], [d.hint ? "hint: " + d.hint : "", "#b8e0a6"]].forEach(function (part) {
                var line = document.createElement("div");
                line.textContent = part[0];
                line.style.color = part[1];
                item.appendChild(line);
              });
              list.appendChild(item);
            });
            overlay.appendChild(list);
          }

          function swapStylesheets() {
            var links = document.querySelectorAll("link[rel=stylesheet]");
            Array.prototype.forEach.call(links, function (link) {
              var url = new URL(link.href, location.href);
              url.searchParams.set("dossier-reload", Date.now());
              var fresh = link.cloneNode();
              fresh.href = url.href;
              fresh.onload = function () { link.remove(); };
              link.parentNode.insertBefore(fresh, link.nextSibling);
            });
          }

          function connect() {
            var source = new EventSource("/__dossier/events");
            source.addEventListener("hello", function (e) {
              var state = JSON.parse(e.data);
              searchIndex(state.search);
              if (state.diagnostics && state.diagnostics.length) { showErrors(state.diagnostics); return; }
              if (state.build !== build) { location.reload(); }
            });
            source.addEventListener("reload", function () { location.reload(); });
            source.addEventListener("search", function (e) { searchIndex(JSON.parse(e.data).search); });
            source.addEventListener("css", function (e) {
              build = JSON.parse(e.data).build;
              if (overlay) { location.reload(); return; }
              swapStylesheets();
            });
            source.addEventListener("failed", function (e) { showErrors(JSON.parse(e.data).diagnostics); });
            // EventSource reconnects by itself when the server restarts; "hello" then tells us
            // whether the site changed meanwhile.
          }

          if (window.EventSource) { connect(); }
        })();
        """#
}
