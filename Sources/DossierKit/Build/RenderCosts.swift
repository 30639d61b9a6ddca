import Foundation
import NIOConcurrencyHelpers

/// Where the rendering time of a build went, page kind by page kind (`dossier build --timings`),
/// as Hugo's `--templateMetrics` shows it template by template: a theme author sees which kind
/// of page is dear, and the view model's share (Swift) is told apart from the template's
/// (swift-mustache). Times are CPU time summed over the threads that render in parallel, so
/// they add up to more than the step's wall time.
public struct RenderCost: Sendable, Equatable {
    /// The page kind (`PageKind.name`), or the work done for every page: `link check`, `write`.
    public var name: String
    public var pages = 0
    /// Making the view model (reading the report, formatting, drawing maps).
    public var viewSeconds = 0.0
    /// Filling the template.
    public var templateSeconds = 0.0
    /// The HTML made, in bytes.
    public var bytes = 0

    public var seconds: Double { viewSeconds + templateSeconds }
}

/// Collects `RenderCost`s from the rendering threads.
final class RenderCosts: Sendable {
    private let costs = NIOLockedValueBox<[String: RenderCost]>([:])

    /// Times one page's view model and template, adding them to its kind.
    func page(
        kind: String, view: () -> any TemplateConvertible, template: (any TemplateConvertible) -> String
    ) -> String {
        let clock = ContinuousClock()
        let start = clock.now
        let model = view()
        let made = clock.now
        let html = template(model)
        let end = clock.now
        add(kind) { cost in
            cost.pages += 1
            cost.viewSeconds += (made - start).seconds
            cost.templateSeconds += (end - made).seconds
            cost.bytes += html.utf8.count
        }
        return html
    }

    /// Times work done once per page for every kind (checking links, writing files).
    func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let clock = ContinuousClock()
        let start = clock.now
        defer {
            let elapsed = (clock.now - start).seconds
            add(name) {
                $0.viewSeconds += elapsed; $0.pages += 1
            }
        }
        return try body()
    }

    private func add(_ name: String, _ change: (inout RenderCost) -> Void) {
        costs.withLockedValue { costs in
            change(&costs[name, default: RenderCost(name: name)])
        }
    }

    /// The costs, dearest first.
    var all: [RenderCost] {
        costs.withLockedValue { Array($0.values) }.sorted { ($0.seconds, $1.name) > ($1.seconds, $0.name) }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

extension RenderCost {
    /// The costs as `--timings` prints them under the steps: one line a kind, dearest first.
    public static func table(_ costs: [RenderCost]) -> [String] {
        guard !costs.isEmpty else { return [] }
        func column(_ text: String, _ width: Int) -> String {
            String(repeating: " ", count: max(0, width - text.count)) + text
        }
        var lines = ["  by page kind (CPU time on all threads)    pages    view ms  template ms    HTML MiB"]
        for cost in costs {
            let rendered = cost.templateSeconds > 0 || cost.bytes > 0
            lines.append(
                "    " + cost.name.padding(toLength: 36, withPad: " ", startingAt: 0)
                    + column(String(cost.pages), 9)
                    + column(String(format: "%.1f", cost.viewSeconds * 1000), 11)
                    + column(rendered ? String(format: "%.1f", cost.templateSeconds * 1000) : "", 13)
                    + column(rendered ? String(format: "%.1f", Double(cost.bytes) / 1_048_576) : "", 12))
        }
        return lines
    }
}
