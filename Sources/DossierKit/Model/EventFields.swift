import Foundation

/// The fields of an event, declared once, in the order the downloads write them: the keys of an
/// event in `Content/events/` (YAML, JSON), the columns of a CSV row, what each holds, and its
/// part of `data/events.schema.json`.
///
/// From this table come the decoder's known keys (and its "did you mean"), the CSV's columns,
/// the schema's event properties, the order `dossier import dossier` writes an event's keys in,
/// and the checks that the JSON download and docs/content-model.md name the same fields
/// (`EventFieldsTests`). An event's content, as the preview compares it, is its download record
/// (`DataExport.Record`), so a field is compared without being named again.
///
/// Most fields are `builtIn`: read, checked and shown by code of their own (a place with its
/// coordinates, casualty figures, sources). A field of a plain kind (`text`, `texts`,
/// `integer`, `flag`) needs nothing but its line here: the decoder reads it by its kind into
/// `Event.declaredValues`, both downloads and the schema carry it, and the event page lists
/// it under its label (`details` in `event.mustache`). docs/architecture.md, "Add an event field".
struct EventFields: Sendable {
    enum Kind: Sendable {
        /// Read and written by code of its own; the schema of its value, as JSON (lines after the
        /// first indented from the property's line).
        case builtIn(schema: String)
        /// A string; a cell in a CSV.
        case text
        /// A list of words: `[a, b]`, or `a; b` in a CSV cell.
        case texts
        /// A whole number.
        case integer
        /// `true` or `false`.
        case flag
    }

    struct Field: Sendable {
        /// The key in an events file and in `data/events.json`.
        let key: String
        /// Its columns in a CSV, in order (a nested value is flat there: `location` is `place`,
        /// `region`, `country`, …). Further sources and casualty figures go in numbered columns
        /// (`EventDecoder.csvColumn`).
        let columns: [String]
        let kind: Kind
        /// Whether every event in the JSON download has it (the schema's `required`).
        let alwaysWritten: Bool
        /// What it holds, in one line: the schema's description of a plain field.
        let summary: String
        /// How the event page names a plain field in its list of details ("Verified by").
        let label: String

        /// A field with code of its own.
        static func builtIn(
            _ key: String, columns: [String]? = nil, alwaysWritten: Bool = false, schema: String
        )
            -> Field
        {
            Field(
                key: key, columns: columns ?? [key], kind: .builtIn(schema: schema), alwaysWritten: alwaysWritten,
                summary: "", label: "")
        }

        /// A field read, written and shown by its kind alone.
        static func plain(_ key: String, _ kind: Kind, label: String, _ summary: String) -> Field {
            Field(key: key, columns: [key], kind: kind, alwaysWritten: false, summary: summary, label: label)
        }

        var isPlain: Bool {
            if case .builtIn = kind { return false }
            return true
        }

        /// Its property in the schema, on one line or indented from the first.
        var schema: String {
            func described(_ type: String) -> String {
                let description = (try? JSONEncoder().encode(summary)).map { String(decoding: $0, as: UTF8.self) }
                return "{ \(type), \"description\": \(description ?? "\"\"") }"
            }
            switch kind {
            case .builtIn(let schema): return schema
            case .text: return described(#""type": "string""#)
            case .texts: return described(#""type": "array", "items": { "type": "string" }"#)
            case .integer: return described(#""type": "integer""#)
            case .flag: return described(#""type": "boolean""#)
            }
        }
    }

    let all: [Field]
    /// Every key, for the decoder.
    let keys: Set<String>
    /// Every CSV column (the first source's and figure's; `EventDecoder.numberedColumn` reads the others).
    let csvColumns: [String]
    /// The fields of plain kinds, which `Event.declaredValues` holds.
    let plain: [Field]

    init(_ all: [Field]) {
        self.all = all
        keys = Set(all.map(\.key))
        csvColumns = all.flatMap(\.columns)
        plain = all.filter(\.isPlain)
    }

    /// The table with one more field (a test's, or a fork's without editing this file).
    func adding(_ field: Field) -> EventFields { EventFields(all + [field]) }

    static let sourceFields = ["publisher", "title", "url", "author", "date", "quote", "via"]
    static let casualtyFields = ["min", "max", "approximate", "who"]

    /// Dossier's event fields.
    static let standard = EventFields([
        .builtIn(
            "id", alwaysWritten: true,
            schema:
                ##"{ "type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "description": "Stable for the life of the event: its page is events/<id>/." }"##
        ),
        .builtIn("date", schema: ##"{ "$ref": "#/$defs/partialDate", "description": "A single date." }"##),
        .builtIn("start", schema: ##"{ "$ref": "#/$defs/partialDate", "description": "A period's first date." }"##),
        .builtIn(
            "end",
            schema:
                ##"{ "$ref": "#/$defs/partialDate", "description": "A period's last date (absent for an open period)." }"##
        ),
        .builtIn(
            "precision", alwaysWritten: true,
            schema:
                ##"{ "enum": ["day", "week", "month", "year"], "description": "The (start) date's precision, as written; week: a single day the sources place only within the week around it (three days either side)." }"##
        ),
        .builtIn(
            "display_date",
            schema: ##"{ "type": "string", "description": "How the date is shown instead of the computed wording." }"##),
        .builtIn("title", alwaysWritten: true, schema: ##"{ "type": "string" }"##),
        .builtIn(
            "type", alwaysWritten: true,
            schema:
                ##"{ "type": "string", "description": "An event type id of the report (site.yaml, event_types)." }"##
        ),
        .builtIn(
            "location",
            columns: ["place", "region", "country", "lat", "lon", "location_precision"]
                + sourceFields.map { "location_source_\($0)" },
            schema: ##"""
                {
                  "type": "object",
                  "required": ["precision"],
                  "additionalProperties": false,
                  "properties": {
                    "name": { "type": "string" },
                    "region": { "type": "string" },
                    "country": { "type": "string" },
                    "lat": { "type": "number", "minimum": -90, "maximum": 90 },
                    "lon": { "type": "number", "minimum": -180, "maximum": 180 },
                    "precision": { "enum": ["exact", "town", "district", "region", "country"], "description": "How closely the coordinates (or names) place the event." },
                    "source": { "$ref": "#/$defs/source", "description": "Where the coordinates come from when the event's sources do not give them." }
                  }
                }
                """##),
        .builtIn(
            "actors", alwaysWritten: true,
            schema: ##"""
                {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "required": ["id", "role"],
                    "additionalProperties": false,
                    "properties": {
                      "id": { "type": "string", "description": "An actor id of the report (Content/actors/<id>.md)." },
                      "role": { "enum": ["perpetrator", "target", "participant", "mediator", "mentioned"] }
                    }
                  }
                }
                """##),
        .builtIn(
            "casualties",
            columns: Casualty.Kind.allCases.flatMap { kind in casualtyFields.map { "\(kind.rawValue)_\($0)" } },
            alwaysWritten: true,
            schema: ##"""
                {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "required": ["kind", "approximate"],
                    "additionalProperties": false,
                    "properties": {
                      "kind": { "enum": ["killed", "injured"] },
                      "min": { "type": "integer", "minimum": 0 },
                      "max": { "type": "integer", "minimum": 0 },
                      "approximate": { "type": "boolean", "description": "The source said \"about\"." },
                      "who": { "type": "string", "description": "Who the figure counts (\"civilians\")." }
                    }
                  }
                }
                """##),
        .builtIn("summary", schema: ##"{ "type": "string", "description": "CommonMark." }"##),
        .builtIn("body", schema: ##"{ "type": "string", "description": "CommonMark." }"##),
        .builtIn(
            "sources", columns: sourceFields.map { "source_\($0)" }, alwaysWritten: true,
            schema: ##"{ "type": "array", "items": { "$ref": "#/$defs/source" } }"##),
        .builtIn(
            "confidence", alwaysWritten: true,
            schema:
                ##"{ "type": "string", "description": "A confidence grade of the report (confirmed, reported, claimed, disputed by default)." }"##
        ),
        .builtIn("tags", alwaysWritten: true, schema: ##"{ "type": "array", "items": { "type": "string" } }"##),
        .builtIn(
            "highlight",
            schema:
                ##"{ "type": ["boolean", "string"], "description": "A key event: true, or the short label charts mark it with." }"##
        ),
        .builtIn(
            "published",
            schema:
                ##"{ "type": "string", "format": "date-time", "description": "When the event was first published in the report (RFC 3339, UTC)." }"##
        ),
        .builtIn(
            "updated",
            schema:
                ##"{ "type": "string", "format": "date-time", "description": "When the event was last changed (RFC 3339, UTC)." }"##
        ),
        .builtIn(
            "external_id",
            schema:
                ##"{ "type": "string", "description": "The event's id in the dataset it was imported from (ACLED's event_id_cnty)." }"##
        ),
        .builtIn(
            "media", columns: ["url", "caption", "credit", "alt"].map { "media_\($0)" },
            schema: ##"""
                {
                  "type": "object",
                  "description": "A picture or other media that goes with the event (imported from TimelineJS).",
                  "required": ["url"],
                  "additionalProperties": false,
                  "properties": {
                    "url": { "type": "string", "description": "An http(s) address, or a path in the site (a file of Content/static/)." },
                    "caption": { "type": "string" },
                    "credit": { "type": "string", "description": "Who made it." },
                    "alt": { "type": "string", "description": "What a picture shows, for readers who cannot see it." }
                  }
                }
                """##),
        .builtIn(
            "translations", columns: [],
            schema:
                ##"{ "type": "object", "description": "The event's words in the report's other languages (`languages` in site.yaml), by language: title, display_date, summary, body and highlight (a key event's label); in the CSV download, a column per field and language (title_ar).", "additionalProperties": { "type": "object", "additionalProperties": false, "properties": { "title": { "type": "string" }, "display_date": { "type": "string" }, "summary": { "type": "string" }, "body": { "type": "string" }, "highlight": { "type": "string" } } } }"##
        ),
        .builtIn(
            "extra", columns: [],
            schema:
                ##"{ "type": "object", "description": "Free-form values for the report's theme (text, lists and mappings of text), which Dossier does not read; not in the CSV download." }"##
        ),
    ])
}
