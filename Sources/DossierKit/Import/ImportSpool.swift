import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where an import keeps its new events' text between reading the export and the commit, so
/// that memory holds a chunk of events, not the export (100,000 ACLED events are 80 MB of YAML):
/// one temporary file under `TMPDIR`, removed from its folder the moment it is made and read and
/// written through its descriptor only. Nothing else can open it, and the system frees its space
/// when the import ends, however it ends (a kill included): it never outlives the import.
///
/// Each part (a month) is a list of segments of the file, appended a chunk at a time.
/// Its texts are read while the plan is checked, maybe from several threads: a lock keeps it whole.
final class ImportSpool: @unchecked Sendable {
    private let lock = NSLock()
    let descriptor: Int32
    /// Where the file was made (it no longer has a name there), for messages.
    let folder: String
    private var end: off_t = 0
    private var segments: [String: [Range<off_t>]] = [:]
    /// Text not yet written: an import flushes after each chunk of events, so this is at most a
    /// chunk's text, whatever the number of months.
    private var pending: [String: String] = [:]

    init() throws {
        folder = NSTemporaryDirectory()  // TMPDIR, or /tmp
        var template = Array(
            URL(fileURLWithPath: folder).appendingPathComponent("dossier-import-XXXXXX").path.utf8CString)
        let made = mkstemp(&template)
        guard made >= 0 else { throw Self.failure("create a temporary file in", folder) }
        unlink(template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
        descriptor = made
    }

    deinit { close(descriptor) }

    func append(_ text: String, to part: String) {
        lock.withLock { pending[part, default: ""] += text }
    }

    /// Writes what is pending.
    func flush() throws {
        try lock.withLock { try flushLocked() }
    }

    /// A part's whole text.
    func text(_ part: String) throws -> String {
        String(decoding: try bytes(part), as: UTF8.self)
    }

    /// A part's whole text, as the bytes written.
    func bytes(_ part: String) throws -> [UInt8] {
        try lock.withLock {
            try flushLocked()
            return try readLocked(segments[part] ?? [])
        }
    }

    /// The bytes at `range` of a part's text (one event's item).
    func bytes(_ part: String, in range: Range<Int>) throws -> [UInt8] {
        try lock.withLock {
            try flushLocked()
            var pieces: [Range<off_t>] = [], at = 0
            for segment in segments[part] ?? [] {
                let here = at..<(at + Int(segment.count))
                at = here.upperBound
                guard here.overlaps(range) else { continue }
                let start = segment.lowerBound + off_t(max(range.lowerBound, here.lowerBound) - here.lowerBound)
                pieces.append(
                    start..<(start
                        + off_t(min(range.upperBound, here.upperBound) - max(range.lowerBound, here.lowerBound))))
            }
            return try readLocked(pieces)
        }
    }

    /// A part's text a segment at a time (what one chunk of events appended): a month is written
    /// as it is read, not held whole.
    func forEachSegment(_ part: String, _ body: (String) throws -> Void) throws {
        let ranges = try lock.withLock {
            try flushLocked()
            return segments[part] ?? []
        }
        // A segment is whole items, so whole characters.
        for range in ranges { try body(String(decoding: try lock.withLock { try readLocked([range]) }, as: UTF8.self)) }
    }

    private func readLocked(_ ranges: [Range<off_t>]) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: ranges.reduce(0) { $0 + Int($1.count) })
        var at = 0
        for range in ranges {
            var offset = range.lowerBound
            while offset < range.upperBound {
                let count = bytes.withUnsafeMutableBytes {
                    pread(descriptor, $0.baseAddress! + at, Int(range.upperBound - offset), offset)
                }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { throw Self.failure("read the temporary file in", folder) }
                offset += off_t(count)
                at += count
            }
        }
        return bytes
    }

    /// Replaces a part's text (rows left out after the check); nil empties it.
    func replace(_ part: String, with text: String?) throws {
        try lock.withLock {
            try flushLocked()
            segments[part] = nil
            if let text {
                pending[part] = text
                try flushLocked()
            }
        }
    }

    private func flushLocked() throws {
        for (part, text) in pending.sorted(by: { $0.key < $1.key }) where !text.isEmpty {
            var text = text
            let start = end
            let failed = text.withUTF8 { bytes -> Bool in
                var written = 0
                while written < bytes.count {
                    let count = pwrite(
                        descriptor, bytes.baseAddress! + written, bytes.count - written, start + off_t(written))
                    if count < 0, errno == EINTR { continue }
                    guard count > 0 else { return true }
                    written += count
                }
                return false
            }
            if failed { throw Self.failure("write a temporary file in", folder) }
            end += off_t(text.utf8.count)
            segments[part, default: []].append(start..<end)
        }
        pending = [:]
    }

    private static func failure(_ action: String, _ folder: String) -> ImportFailure {
        ImportFailure(
            "\(FileSystemError(action, folder, errno: errno)); nothing was imported (an import keeps its new events in a temporary file until it writes them: free some space there, or set TMPDIR to a folder with room)"
        )
    }
}
