/// The value of a plain event field (`EventFields.Kind`), as an event holds it.
public enum EventFieldValue: Sendable, Hashable, Encodable {
    case text(String)
    case texts([String])
    case integer(Int)
    case flag(Bool)

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .texts(let texts): try container.encode(texts)
        case .integer(let number): try container.encode(number)
        case .flag(let flag): try container.encode(flag)
        }
    }

    /// As a CSV cell holds it: a list's words separated by `; `.
    var csvText: String {
        switch self {
        case .text(let text): return text
        case .texts(let texts): return texts.joined(separator: "; ")
        case .integer(let number): return String(number)
        case .flag(let flag): return flag ? "true" : "false"
        }
    }
}
