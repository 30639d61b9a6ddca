/// `data/events.schema.json`: the JSON Schema (draft 2020-12) of `data/events.json`, published
/// with every site so that whoever builds on the download can validate it and read what each
/// field means. It describes schema version `DataExport.schemaVersion`; the test suite
/// validates the sample's and a synthetic report's downloads against it with `jsonschema`.
enum EventsSchema {
    static let path = "data/events.schema.json"

    static var file: OutputFile { OutputFile(path: path, text: text) }

    static let text = #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "Dossier events download (data/events.json), schema version 1",
          "description": "The events of a report made with Dossier, in the keys and values of its content files (Content/events/*.yaml): the file can be put in another report's Content/events/ or read by `dossier import` as it is.",
          "type": "object",
          "required": ["schema_version", "title", "events"],
          "properties": {
            "schema_version": { "const": 1, "description": "The shape's version: raised when a field changes meaning or goes away." },
            "title": { "type": "string", "description": "The report's title." },
            "events": { "type": "array", "items": { "$ref": "#/$defs/event" }, "description": "Every event, oldest first." }
          },
          "$defs": {
            "partialDate": {
              "type": "string",
              "pattern": "^-?[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
              "description": "ISO 8601 at the precision the sources give: a year (2024), a month (2024-02) or a day (2024-02-07)."
            },
            "source": {
              "type": "object",
              "required": ["publisher"],
              "additionalProperties": false,
              "properties": {
                "publisher": { "type": "string" },
                "url": { "type": "string", "description": "Where readers find it (http or https). Absent only on an imported event (external_id) whose dataset names the publisher without an address." },
                "title": { "type": "string" },
                "author": { "type": "string" },
                "date": { "$ref": "#/$defs/partialDate" },
                "quote": { "type": "string", "description": "The words of the source that support the event." },
                "via": { "type": "string", "description": "Where the source was read when it is cited second-hand." }
              }
            },
            "event": {
              "type": "object",
              "required": ["id", "precision", "title", "type", "actors", "casualties", "sources", "confidence", "tags"],
              "additionalProperties": false,
              "oneOf": [
                { "required": ["date"], "not": { "anyOf": [{ "required": ["start"] }, { "required": ["end"] }] } },
                { "required": ["start"], "not": { "required": ["date"] } }
              ],
              "properties": {
                "id": { "type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "description": "Stable for the life of the event: its page is events/<id>/." },
                "date": { "$ref": "#/$defs/partialDate", "description": "A single date." },
                "start": { "$ref": "#/$defs/partialDate", "description": "A period's first date." },
                "end": { "$ref": "#/$defs/partialDate", "description": "A period's last date (absent for an open period)." },
                "precision": { "enum": ["day", "week", "month", "year"], "description": "The (start) date's precision, as written; week: a single day the sources place only within the week around it (three days either side)." },
                "display_date": { "type": "string", "description": "How the date is shown instead of the computed wording." },
                "title": { "type": "string" },
                "type": { "type": "string", "description": "An event type id of the report (site.yaml, event_types)." },
                "location": {
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
                },
                "actors": {
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
                },
                "casualties": {
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
                },
                "summary": { "type": "string", "description": "CommonMark." },
                "body": { "type": "string", "description": "CommonMark." },
                "sources": { "type": "array", "items": { "$ref": "#/$defs/source" } },
                "confidence": { "type": "string", "description": "A confidence grade of the report (confirmed, reported, claimed, disputed by default)." },
                "tags": { "type": "array", "items": { "type": "string" } },
                "highlight": { "type": ["boolean", "string"], "description": "A key event: true, or the short label charts mark it with." },
                "external_id": { "type": "string", "description": "The event's id in the dataset it was imported from (ACLED's event_id_cnty)." },
                "published": { "type": "string", "format": "date-time", "description": "When the event was first published in the report (RFC 3339, UTC)." },
                "updated": { "type": "string", "format": "date-time", "description": "When the event was last changed (RFC 3339, UTC)." },
                "media": {
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
              }
            }
          }
        }

        """#
}
