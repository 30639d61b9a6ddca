/// "1 event", "9 events": counts with their noun, ready for a template.
public enum Counted {
    public static func text(_ count: Int, _ noun: String, plural: String? = nil) -> String {
        "\(count) \(count == 1 ? noun : plural ?? noun + "s")"
    }
}
