import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes every file of an import into the content folder at once: each new text is staged
/// beside the file it becomes (`events/acled/.2024-01.yaml.dossier-import`), flushed to the disk,
/// and only then renamed over it. A journal (`Content/.dossier-import-journal.json`) says which
/// files are staged and whether the renames began, so an import that was killed or lost power
/// is finished or undone by the next import, `check`, `build` or `serve` (`recover`): the
/// report is always as it was before the import or as it is after, never between.
///
/// The moment an import cannot be undone is the journal's change from `staging` to
/// `committing`: before it, recovery removes the staged files (and the folders the import made,
/// when empty); after it, recovery renames the rest of them into place. Renames never fail for
/// want of space, so the files written before that moment are all that a full disk can stop.
struct ImportTransaction {
    /// A file to write: its path in the content folder, and its new text (made as it is staged,
    /// a piece at a time).
    struct Write {
        var path: String
        var text: FileText
        /// The permission bits of the file it replaces (nil for a new file).
        var mode: mode_t?
    }

    static let journalName = ".dossier-import-journal.json"
    static let stagedSuffix = ".dossier-import"

    struct Journal: Codable, Equatable {
        enum State: String, Codable { case staging, committing }
        var version = 1
        var state: State
        /// Paths in the content folder of the files being written.
        var files: [String]
        /// Folders the import made, parents first.
        var folders: [String]
    }

    let content: URL
    let fileSystem: ImportFileSystem
    /// How the content folder is named in messages.
    let displayName: String

    func path(_ relative: String) -> String { content.appendingPathComponent(relative).path }

    /// Where a file's new text waits for the rename: a hidden file beside it, so it is on the same
    /// file system (a rename cannot cross one) and no build reads it.
    static func staged(_ relative: String) -> String {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
        return (parts.dropLast() + [".\(parts.last ?? "")\(stagedSuffix)"]).joined(separator: "/")
    }

    /// Writes the files, all or none. On an error before the renames begin, everything staged is
    /// removed and the error thrown: the report is as it was.
    ///
    /// - Parameter staged: runs once every file is staged, before the renames; an error stops the
    ///   commit as a failed write does (the importer checks that no file changed meanwhile).
    func commit(_ writes: [Write], newFolders: [String], staged: () throws -> Void = {}) throws {
        var journal = Journal(state: .staging, files: writes.map(\.path), folders: newFolders)
        try writeJournal(journal)
        do {
            for folder in newFolders { try fileSystem.makeFolder(path(folder)) }
            for write in writes {
                try fileSystem.create(
                    path(Self.staged(write.path)), text: write.text, mode: write.mode,
                    ownerOf: write.mode == nil ? nil : path(write.path))
            }
            for folder in Set(writes.map { ($0.path as NSString).deletingLastPathComponent }) {
                fileSystem.flushFolder(path(folder))
            }
            try staged()
            journal.state = .committing
            try writeJournal(journal)
        } catch {
            try? rollBack(journal)
            throw error
        }
        try finish(journal)
    }

    /// The renames, then the journal's removal. Run again by `recover` until it succeeds.
    private func finish(_ journal: Journal) throws {
        for file in journal.files where FileManager.default.fileExists(atPath: path(Self.staged(file))) {
            try fileSystem.rename(path(Self.staged(file)), to: path(file))
        }
        for folder in Set(journal.files.map { ($0 as NSString).deletingLastPathComponent }) {
            fileSystem.flushFolder(path(folder))
        }
        try fileSystem.remove(path(Self.journalName))
        fileSystem.flushFolder(content.path)
    }

    private func rollBack(_ journal: Journal) throws {
        for file in journal.files { try fileSystem.remove(path(Self.staged(file))) }
        for folder in journal.folders.reversed() { fileSystem.removeFolderIfEmpty(path(folder)) }
        try fileSystem.remove(path(Self.journalName))
        fileSystem.flushFolder(content.path)
    }

    /// The journal is replaced in one rename, so it is always whole.
    private func writeJournal(_ journal: Journal) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let json = String(decoding: (try? encoder.encode(journal)) ?? Data(), as: UTF8.self)
        let temporary = path(Self.journalName + ".tmp")
        try fileSystem.remove(temporary)
        try fileSystem.create(temporary, contents: json, mode: nil, ownerOf: nil)
        try fileSystem.rename(temporary, to: path(Self.journalName))
        fileSystem.flushFolder(content.path)
    }

    /// What `recover` did.
    enum Recovery: Equatable {
        /// The interrupted import's files were all staged and the renames had begun: they were finished.
        case finished(files: Int)
        /// The interrupted import had not reached its renames: what it staged was removed.
        case undone(files: Int)
    }

    /// Finishes or undoes an import that was interrupted, if there was one (nil when there was none).
    /// Throws when the journal cannot be read, or a file cannot be renamed or removed: the
    /// message says which, and the journal stays for the next try.
    func recover() throws -> Recovery? {
        // A journal that was being written: nothing was staged after it.
        try fileSystem.remove(path(Self.journalName + ".tmp"))
        let url = content.appendingPathComponent(Self.journalName)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        guard let data = FileManager.default.contents(atPath: url.path),
            let journal = try? JSONDecoder().decode(Journal.self, from: data), journal.version == 1,
            journal.files.allSatisfy({ ContentPath.problem(with: $0) == nil }),
            journal.folders.allSatisfy({ ContentPath.problem(with: $0) == nil })
        else {
            throw ImportFailure(
                "\(displayName)/\(Self.journalName) is an interrupted import's journal, but it cannot be read; "
                    + "remove it and the hidden `.*\(Self.stagedSuffix)` files it would have listed, then check the report (git status shows what changed)"
            )
        }
        switch journal.state {
        case .staging:
            try rollBack(journal)
            return .undone(files: journal.files.count)
        case .committing:
            try finish(journal)
            return .finished(files: journal.files.count)
        }
    }

    /// Recovers an interrupted import in `content` and says what was done, as a warning, in `log`
    /// (an error when it could not be done). `check`, `build`, `serve` and `import` call it first.
    static func recover(content: URL, displayName: String, log: DiagnosticLog) {
        guard
            FileManager.default.fileExists(atPath: content.appendingPathComponent(journalName).path)
                || FileManager.default.fileExists(atPath: content.appendingPathComponent(journalName + ".tmp").path)
        else { return }
        let transaction = ImportTransaction(
            content: content, fileSystem: SystemFileSystem(content: content, displayName: displayName),
            displayName: displayName)
        let here = SourceLocation(file: displayName + "/" + journalName)
        do {
            switch try transaction.recover() {
            case .finished(let files)?:
                log.warning(
                    here,
                    "an import was interrupted after it had written its files; its \(Counted.text(files, "file")) were put in place now"
                )
            case .undone(let files)?:
                log.warning(
                    here,
                    "an import was interrupted before it changed the report; the \(Counted.text(files, "file")) it had begun to write were removed, and the report is as it was"
                )
            case nil: break
            }
        } catch {
            log.error(
                here, "an interrupted import could not be finished: \(error)",
                hint: "fix the cause (space, permissions) and run the command again")
        }
    }
}
