#if canImport(Glibc)
import Glibc
#endif

/// The batch tables of several shards joined, streaming, into the table of the unsharded run.
///
/// Each shard's rows are in file order (a batch sorts its list, and a shard takes a subsequence of it), so
/// the merged table is a k-way merge of sorted streams: a heap holds the next row of each shard, and the
/// smallest file goes out next. Time is O(rows · log shards), memory one row per shard — however long the
/// archive. The shards must agree on header and settings; a shard out of file order, or a file in two
/// shards (shards from different lists), is an error rather than a table quietly in another order.
///
/// Given the batch's sorted file list, the merge also checks that the shards hold exactly its files, in
/// step with the output (both are in file order): a shard lost with a cancelled task is an error.
public struct ShardMerge {
    public var shards: [String]
    /// The batch's files, sorted and unique; `nil` to take the shards as they are.
    public var expected: [String]?

    public init(shards: [String], expected: [String]?) {
        (self.shards, self.expected) = (shards, expected)
    }

    /// Writes the merged table (with the shards' `#` lines and header) to `out`; returns the number of rows.
    public func write(to out: UnsafeMutablePointer<FILE>) throws -> Int {
        let readers = try shards.map(CSVRecordReader.init(path:))
        var header: [String]?
        var heap = Heap()
        for (index, reader) in readers.enumerated() {
            guard let first = try reader.next(), first.first == "file" else {
                throw CoulombIOError(file: reader.path, problem: "is not a 'coulomb batch' CSV table (no header starting with 'file')")
            }
            if let header, header != first {
                throw CoulombIOError(file: reader.path, problem: "has other columns than \(shards[0]) (different analyses or circuit?)")
            }
            if index > 0, reader.comments != readers[0].comments {
                throw CoulombIOError(file: reader.path, problem: "was run with other settings than \(shards[0]): \(reader.comments.joined(separator: "; "))")
            }
            header = first
            if let row = try nextRow(of: reader, width: first.count, after: nil, number: 1) { heap.push(.init(row: row, shard: index, number: 1)) }
        }
        try emit((readers.first?.comments ?? []).map { "# \($0)\n" }.joined() + CSVWriter.line(header ?? []), to: out)
        var count = 0
        var last: (file: String, shard: Int)?
        var coverage = Coverage(expected: expected)
        while let head = heap.pop() {
            if let last, last.file == head.row[0], last.shard != head.shard {
                throw CoulombIOError(file: shards[head.shard], problem: "holds rows of '\(head.row[0])', which \(shards[last.shard]) holds too: "
                    + "were the shards made from one file list?")
            }
            if last?.file != head.row[0] { try coverage.next(head.row[0], in: shards[head.shard]) }
            try emit(CSVWriter.line(head.row), to: out)
            count += 1
            last = (head.row[0], head.shard)
            if let row = try nextRow(of: readers[head.shard], width: head.row.count, after: head.row[0], number: head.number + 1) {
                heap.push(.init(row: row, shard: head.shard, number: head.number + 1))
            }
        }
        try coverage.finish()
        return count
    }

    /// The merged files checked against the list, one at a time in sorted order.
    private struct Coverage {
        var expected: [String]?
        var index = 0

        mutating func next(_ file: String, in shard: String) throws {
            guard let expected else { return }
            if index < expected.count, expected[index] == file { index += 1; return }
            if index < expected.count, expected[index] < file { try finish(upTo: file) }
            throw CoulombIOError(file: shard, problem: "holds rows of '\(file)', which is not in the file list")
        }

        /// The listed files before `file` (all that remain, without one) that no shard holds.
        func finish(upTo file: String? = nil) throws {
            guard let expected else { return }
            let missing = expected[index...].prefix { file == nil || $0 < file! }
            guard missing.isEmpty else {
                throw CoulombIOError(file: "the shards", problem: "hold no rows of \(missing.count) listed file(s), e.g. '\(missing.first!)': "
                    + "did a task fail or was it cancelled? Rerun it (with --resume), then merge again")
            }
        }
    }

    private func nextRow(of reader: CSVRecordReader, width: Int, after previous: String?, number: Int) throws -> [String]? {
        guard let row = try reader.next() else { return nil }
        guard row.count == width else {
            throw CoulombIOError(file: reader.path, problem: "row \(number) has \(row.count) fields, the header \(width)")
        }
        if let previous, row[0] < previous {
            throw CoulombIOError(file: reader.path, problem: "row \(number) ('\(row[0])') is out of file order; was it written by 'coulomb batch'?")
        }
        return row
    }

    private func emit(_ text: String, to out: UnsafeMutablePointer<FILE>) throws {
        guard fputs(text, out) >= 0 else { throw CoulombIOError(file: "the merged table", problem: "cannot be written (\(String(cString: strerror(errno))))") }
    }

    /// The next row of each shard, smallest file (then lowest shard) first.
    private struct Heap {
        struct Head {
            var row: [String]
            var shard: Int
            var number: Int
        }

        private var items: [Head] = []

        private func less(_ a: Int, _ b: Int) -> Bool {
            (items[a].row[0], items[a].shard) < (items[b].row[0], items[b].shard)
        }

        mutating func push(_ head: Head) {
            items.append(head)
            var child = items.count - 1
            while child > 0, less(child, (child - 1) / 2) {
                items.swapAt(child, (child - 1) / 2)
                child = (child - 1) / 2
            }
        }

        mutating func pop() -> Head? {
            guard !items.isEmpty else { return nil }
            items.swapAt(0, items.count - 1)
            let top = items.removeLast()
            var parent = 0
            while true {
                let (left, right) = (2 * parent + 1, 2 * parent + 2)
                var smallest = parent
                if left < items.count, less(left, smallest) { smallest = left }
                if right < items.count, less(right, smallest) { smallest = right }
                if smallest == parent { break }
                items.swapAt(parent, smallest)
                parent = smallest
            }
            return top
        }
    }
}
