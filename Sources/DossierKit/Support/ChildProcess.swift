import Foundation

/// Runs another program to the end and collects what it printed.
///
/// Both pipes are drained at once (a child that fills one pipe while we read the other would
/// wait forever), and the exit is awaited through `terminationHandler`: `waitUntilExit` can
/// hang on Linux (swiftlang/swift#79881).
enum ChildProcess {
    struct Result: Sendable {
        var status: Int32
        var stdout: Data
        var stderr: Data
        /// Whether it ran past the time it was given and was stopped.
        var timedOut = false
    }

    /// - Parameters:
    ///   - folder: its working directory (ours by default).
    ///   - seconds: stop it after this long (a test's child must not hold the run).
    static func run(
        _ program: URL, _ arguments: [String], environment: [String: String]? = nil, in folder: URL? = nil,
        seconds: Double? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let folder { process.currentDirectoryURL = folder }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        let output = ResultSlots<Data>(count: 2)
        let drained = DispatchGroup()
        for (index, pipe) in [out, err].enumerated() {
            DispatchQueue.global().async(group: drained) {
                output.set(index, pipe.fileHandleForReading.readDataToEndOfFile())
            }
        }
        var timedOut = false
        if let seconds {
            if exited.wait(timeout: .now() + seconds) == .timedOut {
                process.terminate()
                timedOut = true
                exited.wait()
            }
        } else {
            exited.wait()
        }
        drained.wait()
        return Result(
            status: process.terminationStatus, stdout: output.take(0) ?? Data(), stderr: output.take(1) ?? Data(),
            timedOut: timedOut)
    }
}
