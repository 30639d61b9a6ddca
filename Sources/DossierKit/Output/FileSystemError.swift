import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file-system operation that failed, said in one line: what Dossier tried, on which path,
/// and why (the system's own words), e.g. `could not create the folder Site: Permission denied`.
///
/// Foundation's errors print as `Error Domain=NSCocoaErrorDomain Code=513 …` dumps; the writer
/// uses system calls where it can, so the reason is `errno`, and translates Foundation's otherwise.
public struct FileSystemError: Error, CustomStringConvertible, Sendable {
    /// "create the folder", "write", "move", "remove".
    public var action: String
    /// The path as messages show it (relative to the working folder when inside it).
    public var path: String
    public var reason: String

    public var description: String { "could not \(action) \(path): \(reason)" }

    init(_ action: String, _ path: String, errno code: Int32) {
        self.action = action
        self.path = path
        reason = String(cString: strerror(code))
    }

    init(_ action: String, _ path: String, reason: String) {
        self.action = action
        self.path = path
        self.reason = reason
    }

    /// From an error Foundation threw: its POSIX cause when it carries one.
    init(_ action: String, _ path: String, error: Error) {
        if let error = error as? FileSystemError {
            self = error
            return
        }
        self.action = action
        self.path = path
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain
        {
            reason = String(cString: strerror(Int32(underlying.code)))
        } else if nsError.domain == NSPOSIXErrorDomain {
            reason = String(cString: strerror(Int32(nsError.code)))
        } else if let cocoa = error as? CocoaError {
            switch cocoa.code {
            case .fileNoSuchFile, .fileReadNoSuchFile: reason = String(cString: strerror(ENOENT))
            case .fileWriteNoPermission, .fileReadNoPermission: reason = String(cString: strerror(EACCES))
            case .fileWriteOutOfSpace: reason = String(cString: strerror(ENOSPC))
            case .fileWriteFileExists: reason = String(cString: strerror(EEXIST))
            case .fileWriteVolumeReadOnly: reason = String(cString: strerror(EROFS))
            default:
                reason = nsError.localizedDescription.split(separator: "\n").first.map(String.init) ?? "unknown error"
            }
        } else {
            reason = "\(error)".split(separator: "\n").first.map(String.init) ?? "unknown error"
        }
    }
}
