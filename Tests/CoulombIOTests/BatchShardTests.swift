import CoulombIO
import Testing

/// `--shard K/N` and `--shard auto`: the shard arithmetic, from the variables Slurm sets for an array task.
@Suite struct BatchShardTests {
    /// The variables Slurm 22.05 sets for one task of `--array=low-high:step` (count tasks).
    static func slurm(id: Int, low: Int, high: Int, step: Int, count: Int) -> [String: String] {
        ["SLURM_JOB_ID": "42", "SLURM_ARRAY_JOB_ID": "41", "SLURM_ARRAY_TASK_ID": "\(id)", "SLURM_ARRAY_TASK_MIN": "\(low)",
         "SLURM_ARRAY_TASK_MAX": "\(high)", "SLURM_ARRAY_TASK_STEP": "\(step)", "SLURM_ARRAY_TASK_COUNT": "\(count)"]
    }

    @Test func fixedShardsParse() throws {
        #expect(try BatchShard(parsing: "3/16") == BatchShard(index: 3, count: 16))
        #expect(try BatchShard.Request(parsing: "auto") == .fromSchedulerArray)
        for bad in ["0/4", "5/4", "1/0", "a/b", "3", "1/2/3", "", "-1/4"] {
            #expect(throws: BatchShard.Problem.self, "\(bad)") { try BatchShard(parsing: bad) }
        }
    }

    /// Arrays starting at 0 or 1, with or without a step, and a single task: task ids map to K = 1…N in order.
    @Test(arguments: [(0, 3, 1), (1, 4, 1), (0, 15, 5), (3, 3, 1), (10, 40, 10), (1, 7, 2)])
    func arrayTasksAreTheShardsInOrder(low: Int, high: Int, step: Int) throws {
        let ids = Array(stride(from: low, through: high, by: step))
        let shards = try ids.map { id in
            try BatchShard.fromSlurmArray(Self.slurm(id: id, low: low, high: high, step: step, count: ids.count))
        }
        #expect(shards.map(\.index) == Array(1...ids.count))
        #expect(shards.allSatisfy { $0.count == ids.count })
        // Between them the tasks take every file once.
        let files = (0..<23).map { "f\($0)" }
        let taken = shards.flatMap { $0.select(files) }
        #expect(taken.count == files.count && Set(taken) == Set(files))
    }

    /// Slurm leaves out SLURM_ARRAY_TASK_STEP in some versions; the step then follows from min, max and count.
    @Test func theStepFollowsFromMinMaxAndCount() throws {
        var environment = Self.slurm(id: 8, low: 2, high: 14, step: 6, count: 3)
        environment["SLURM_ARRAY_TASK_STEP"] = nil
        #expect(try BatchShard.fromSlurmArray(environment) == BatchShard(index: 2, count: 3))
    }

    @Test func outsideAnArrayTheErrorSaysSo() {
        #expect(throws: BatchShard.Problem(description: "--shard auto needs a Slurm job array, and this is not one "
            + "(SLURM_ARRAY_TASK_ID is not set); submit with 'sbatch --array=1-N', or give --shard K/N")) {
            try BatchShard.Request.fromSchedulerArray.resolve(environment: ["HOME": "/root"])
        }
        #expect(throws: BatchShard.Problem(description: "--shard auto: Slurm job 77 is not a job array (SLURM_ARRAY_TASK_ID is not set); "
            + "submit it with 'sbatch --array=1-N', or give --shard K/N")) {
            try BatchShard.fromSlurmArray(["SLURM_JOB_ID": "77"])
        }
    }

    /// `--array=1,2,5` has no evenly spaced position for its tasks; an id off the grid or outside the range,
    /// a missing or garbled variable, are refused with the variable named.
    @Test func irregularOrInconsistentArraysAreRefused() {
        let cases: [([String: String], String)] = [
            (Self.slurm(id: 2, low: 1, high: 5, step: 1, count: 3), "is not evenly spaced"),
            (Self.slurm(id: 9, low: 0, high: 3, step: 1, count: 4), "task 9 is not in the array 0-3"),
            (Self.slurm(id: 4, low: 1, high: 7, step: 2, count: 4), "task 4 is not one of the array"),
            (Self.slurm(id: 1, low: 1, high: 7, step: 3, count: 4), "is not evenly spaced"),
            (Self.slurm(id: 1, low: 1, high: 4, step: 1, count: 4).merging(["SLURM_ARRAY_TASK_COUNT": "four"]) { $1 },
             "SLURM_ARRAY_TASK_COUNT is 'four', not an integer"),
            (Self.slurm(id: 1, low: 1, high: 4, step: 1, count: 4).filter { $0.key != "SLURM_ARRAY_TASK_MAX" },
             "SLURM_ARRAY_TASK_MAX is not set"),
        ]
        for (environment, message) in cases {
            do {
                let shard = try BatchShard.fromSlurmArray(environment)
                Issue.record("\(environment) gave \(shard), expected an error with '\(message)'")
            } catch {
                #expect(error.description.contains(message), "\(error)")
            }
        }
    }

    @Test func selectTakesEveryNthFromTheKth() throws {
        let files = (1...10).map { "f\($0)" }
        #expect(try BatchShard(index: 2, count: 3).select(files) == ["f2", "f5", "f8"])
        #expect(try BatchShard(index: 4, count: 4).select(Array(files.prefix(2))) == [])
    }
}
