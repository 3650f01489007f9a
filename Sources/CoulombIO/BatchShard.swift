/// One of `count` disjoint parts of a batch's sorted file list: every `count`-th file starting at the
/// `index`-th (1-based), so N jobs given 1/N … N/N cover the list once between them.
///
/// Taking files round-robin rather than in blocks spreads an archive sorted by instrument or date evenly
/// over the jobs, so they finish at about the same time.
///
/// A shard is given as `K/N`, or taken from a job array's own indices (``fromSlurmArray(_:)``): Slurm numbers
/// the tasks of `--array=A-B:S` as A, A+S, …, B (A is often 0 or 1), and sets `SLURM_ARRAY_TASK_ID`,
/// `SLURM_ARRAY_TASK_MIN`, `SLURM_ARRAY_TASK_MAX`, `SLURM_ARRAY_TASK_COUNT` (and `SLURM_ARRAY_TASK_STEP`).
/// The task with id `A + (K−1)·S` is shard K of N = count:
///
///     K = (id − min) / step + 1,   step = (max − min) / (count − 1)   (1 when count = 1)
///
/// An array whose ids are not evenly spaced (`--array=1,2,5`) has no such position, and is refused.
public struct BatchShard: Sendable, Equatable, CustomStringConvertible {
    /// 1 ≤ index ≤ count.
    public let index: Int
    public let count: Int

    /// What cannot be made into a shard, in words for the user.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String

        public init(description: String) { self.description = description }
    }

    /// A request on the command line: a fixed `K/N`, or `auto` (the scheduler's array indices).
    public enum Request: Sendable, Equatable {
        case fixed(BatchShard)
        case fromSchedulerArray

        /// `K/N` or `auto`.
        public init(parsing text: String) throws(Problem) {
            if text == "auto" { self = .fromSchedulerArray; return }
            self = .fixed(try BatchShard(parsing: text))
        }

        /// The shard itself; `auto` reads the job array's variables from `environment`.
        public func resolve(environment: [String: String]) throws(Problem) -> BatchShard {
            switch self {
            case .fixed(let shard): shard
            case .fromSchedulerArray: try BatchShard.fromSlurmArray(environment)
            }
        }
    }

    public init(index: Int, count: Int) throws(Problem) {
        guard count >= 1, (1...count).contains(index) else {
            throw Problem(description: "shard \(index)/\(count) does not exist: K/N needs 1 ≤ K ≤ N")
        }
        (self.index, self.count) = (index, count)
    }

    /// `K/N`, e.g. `3/16`.
    public init(parsing text: String) throws(Problem) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else {
            throw Problem(description: "'\(text)' is not a shard: give K/N (1 ≤ K ≤ N), e.g. 3/16, or 'auto' in a Slurm job array")
        }
        try self.init(index: k, count: n)
    }

    /// The shard of this task of a Slurm job array, from the variables Slurm sets for it.
    public static func fromSlurmArray(_ environment: [String: String]) throws(Problem) -> BatchShard {
        guard let idText = environment["SLURM_ARRAY_TASK_ID"] else {
            if let job = environment["SLURM_JOB_ID"] {
                throw Problem(description: "--shard auto: Slurm job \(job) is not a job array (SLURM_ARRAY_TASK_ID is not set); "
                    + "submit it with 'sbatch --array=1-N', or give --shard K/N")
            }
            throw Problem(description: "--shard auto needs a Slurm job array, and this is not one (SLURM_ARRAY_TASK_ID is not set); "
                + "submit with 'sbatch --array=1-N', or give --shard K/N")
        }
        func integer(_ name: String, _ text: String?) throws(Problem) -> Int {
            guard let text else { throw Problem(description: "--shard auto: \(name) is not set, though SLURM_ARRAY_TASK_ID is") }
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
                throw Problem(description: "--shard auto: \(name) is '\(text)', not an integer")
            }
            return value
        }
        let id = try integer("SLURM_ARRAY_TASK_ID", idText)
        let low = try integer("SLURM_ARRAY_TASK_MIN", environment["SLURM_ARRAY_TASK_MIN"])
        let high = try integer("SLURM_ARRAY_TASK_MAX", environment["SLURM_ARRAY_TASK_MAX"])
        let count = try integer("SLURM_ARRAY_TASK_COUNT", environment["SLURM_ARRAY_TASK_COUNT"])
        let stated = try environment["SLURM_ARRAY_TASK_STEP"].map { (text) throws(Problem) in try integer("SLURM_ARRAY_TASK_STEP", text) }
        let array = "array \(low)-\(high) of \(count) tasks" + (stated.map { " with step \($0)" } ?? "")
        guard count >= 1, low <= high, (low...high).contains(id) else {
            throw Problem(description: "--shard auto: task \(id) is not in the \(array)")
        }
        let step = count == 1 ? 1 : (high - low) / (count - 1)
        guard step >= 1, low + step * (count - 1) == high, stated.map({ count == 1 || $0 == step }) ?? true else {
            throw Problem(description: "--shard auto: the \(array) is not evenly spaced, so task \(id) has no place in it; "
                + "submit with --array=A-B or A-B:S, or give --shard K/N")
        }
        guard (id - low) % step == 0 else {
            throw Problem(description: "--shard auto: task \(id) is not one of the \(array) (every \(step) from \(low))")
        }
        return try BatchShard(index: (id - low) / step + 1, count: count)
    }

    /// Every `count`-th element starting at the `index`-th: shards of one list are disjoint and cover it.
    public func select<Element>(_ elements: [Element]) -> [Element] {
        stride(from: index - 1, to: elements.count, by: count).map { elements[$0] }
    }

    public var description: String { "\(index)/\(count)" }
}
