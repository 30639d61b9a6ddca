import Foundation

/// One timed step of a build.
public struct Phase: Sendable {
    public var name: String
    public var milliseconds: Double
    /// CPU time of the whole process (user and system, every thread) during the step, in
    /// milliseconds: about twice `milliseconds` when the step keeps two cores busy.
    public var cpuMilliseconds: Double?
    /// The process's peak resident memory when the step ended, in MiB (Linux only).
    public var peakMiB: Double?

    /// The step as `--timings` prints it: name, wall time, CPU time, peak memory.
    public var line: String {
        let cpu = cpuMilliseconds.map { String(format: "   CPU %8.1f ms", $0) } ?? ""
        let memory = peakMiB.map { String(format: "   peak %6.0f MiB", $0) } ?? ""
        return "  " + name.padding(toLength: 18, withPad: " ", startingAt: 0)
            + String(format: "%8.1f ms", milliseconds) + cpu + memory
    }
}

/// Times the named steps of a build, in order (`dossier build --timings`).
struct PhaseTimer {
    var phases: [Phase] = []
    private let clock = ContinuousClock()

    /// Where the current lap began: when the timer was made, or the last lap ended.
    private var lapStart: (time: ContinuousClock.Instant, cpu: Double)

    init(phases: [Phase] = []) {
        self.phases = phases
        lapStart = (ContinuousClock.now, Self.processCPUMilliseconds())
    }

    /// Ends a step that began where the last one ended (or when the timer was made), for code
    /// whose steps are not one closure each (an import's, with its early returns).
    mutating func lap(_ name: String) {
        let now = clock.now, cpu = Self.processCPUMilliseconds()
        phases.append(
            Phase(
                name: name, milliseconds: (now - lapStart.time).milliseconds, cpuMilliseconds: cpu - lapStart.cpu,
                peakMiB: Self.peakResidentMiB()))
        lapStart = (now, cpu)
    }

    mutating func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let start = clock.now
        let cpuStart = Self.processCPUMilliseconds()
        defer {
            let elapsed = clock.now - start
            phases.append(
                Phase(
                    name: name, milliseconds: elapsed.milliseconds,
                    cpuMilliseconds: Self.processCPUMilliseconds() - cpuStart,
                    peakMiB: Self.peakResidentMiB()
                ))
        }
        return try body()
    }

    /// User and system CPU time of the process so far, in milliseconds.
    static func processCPUMilliseconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func milliseconds(_ time: timeval) -> Double { Double(time.tv_sec) * 1000 + Double(time.tv_usec) / 1000 }
        return milliseconds(usage.ru_utime) + milliseconds(usage.ru_stime)
    }

    /// `VmHWM` from `/proc/self/status`: which step makes the memory peak is half of a profile.
    static func peakResidentMiB() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        return peakResidentMiB(status: status)
    }

    /// The kernel writes `VmHWM:\t%8lu kB`: a tab, then spaces only while the figure is shorter
    /// than eight digits, so from 10,000,000 kB on there is no space before it.
    static func peakResidentMiB(status: String) -> Double? {
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = line.split(whereSeparator: \.isWhitespace).dropFirst().first.flatMap({ Double($0) })
        else { return nil }
        return kilobytes / 1024
    }
}

extension Duration {
    /// The duration in milliseconds, as the timings print it.
    var milliseconds: Double { Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15 }
}
