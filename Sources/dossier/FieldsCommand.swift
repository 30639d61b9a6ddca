import ArgumentParser
import DossierKit

struct FieldsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fields",
        abstract: "Print the reference of every field templates can use, page kind by page kind (Markdown).",
        discussion: "The same as docs/template-fields.md. `dossier check` reports any other name a template uses."
    )

    func run() {
        print(TemplateReference.markdown(), terminator: "")
    }
}
