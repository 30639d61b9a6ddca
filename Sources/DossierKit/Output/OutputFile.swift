import Foundation

/// One file of the built site: its path relative to the site root and its bytes.
struct OutputFile: Sendable {
    public var path: String
    public var contents: Contents

    public enum Contents: Sendable {
        case text(String)
        case data(Data)
        /// A file copied from the theme or content, read only when written.
        case copy(URL)
        /// Bytes made when first asked for: the preview's data downloads, which few rebuilds
        /// are ever asked for and which cost more than the pages an edit touches.
        case deferred(DeferredData)
    }

    /// The file's bytes (reading a copied file, or making a deferred one).
    var data: Data { contents.data }

    public init(path: String, text: String) {
        self.path = path
        contents = .text(text)
    }

    public init(path: String, contents: Contents) {
        self.path = path
        self.contents = contents
    }

    public init(path: String, copying url: URL) {
        self.path = path
        contents = .copy(url)
    }
}

extension OutputFile.Contents {
    var data: Data {
        switch self {
        case .text(let text): Data(text.utf8)
        case .data(let data): data
        case .copy(let url): (try? Data(contentsOf: url)) ?? Data()
        case .deferred(let deferred): deferred.data
        }
    }
}

/// Bytes made once, by whichever thread first needs them.
final class DeferredData: Sendable {
    private let make: @Sendable () -> Data
    private let made = Memo<Data>()

    init(_ make: @escaping @Sendable () -> Data) {
        self.make = make
    }

    var data: Data { made.get(make) }
}

/// Several files made together, once, when the first of them is needed (the preview's filter
/// index: one pass over the events writes every file).
final class DeferredFiles: Sendable {
    private let make: @Sendable () -> [OutputFile]
    private let made = Memo<[String: Data]>()

    init(_ make: @escaping @Sendable () -> [OutputFile]) {
        self.make = make
    }

    /// Every file, made now.
    var all: [OutputFile] { make() }

    func data(_ path: String) -> Data {
        made.get { [make] in Dictionary(make().map { ($0.path, $0.data) }, uniquingKeysWith: { first, _ in first }) }[
            path] ?? Data()
    }
}
