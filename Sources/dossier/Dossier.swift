import ArgumentParser

@main
struct Dossier: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Build a static report site from dated events, actors and topics.",
        version: "0.1.0",
        subcommands: [
            BuildCommand.self, CheckCommand.self, ServeCommand.self, NewCommand.self, ImportCommand.self,
            FieldsCommand.self, GenerateCommand.self,
        ],
        defaultSubcommand: BuildCommand.self
    )
}
