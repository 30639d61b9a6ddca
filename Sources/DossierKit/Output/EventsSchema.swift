/// `data/events.schema.json`: the JSON Schema (draft 2020-12) of `data/events.json`, published
/// with every site so that whoever builds on the download can validate it and read what each
/// field means. It describes schema version `DataExport.schemaVersion`; the test suite
/// validates the sample's and a synthetic report's downloads against it with `jsonschema`.
enum EventsSchema {
    static let path = "data/events.schema.json"

    static func file(for fields: EventFields) -> OutputFile { OutputFile(path: path, text: text(for: fields)) }

    /// The schema of Dossier's own fields.
    static let text = text(for: .standard)

    /// The schema of an event with the table's fields: each field's property, in the table's
    /// order, and the fields every event has as `required`.
    static func text(for fields: EventFields) -> String {
        let required = fields.all.filter(\.alwaysWritten).map { "\"\($0.key)\"" }.joined(separator: ", ")
        let properties = fields.all.map { field in
            "\"\(field.key)\": "
                + field.schema.replacingOccurrences(of: "\n", with: "\n" + String(repeating: " ", count: 8))
        }
        return start + "      \"required\": [\(required)],\n" + middle
            + properties.map { String(repeating: " ", count: 8) + $0 }.joined(separator: ",\n") + "\n" + end
    }

    private static let start = #"""
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
        """# + "\n"

    private static let middle = #"""
              "additionalProperties": false,
              "oneOf": [
                { "required": ["date"], "not": { "anyOf": [{ "required": ["start"] }, { "required": ["end"] }] } },
                { "required": ["start"], "not": { "required": ["date"] } }
              ],
              "properties": {

        """#

    private static let end = #"""
              }
            }
          }
        }

        """#
}
