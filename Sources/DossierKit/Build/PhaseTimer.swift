/// One timed step of a build.
public struct Phase: Sendable {
    public var name: String
    public var milliseconds: Double
}

/// Times the named steps of a build, in order (`dossier build --timings`).
struct PhaseTimer {
    var phases: [Phase] = []
    private let clock = ContinuousClock()

    init(phases: [Phase] = []) {
        self.phases = phases
    }

    mutating func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let start = clock.now
        defer {
            let elapsed = clock.now - start
            phases.append(Phase(name: name, milliseconds: Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15))
        }
        return try body()
    }
}
