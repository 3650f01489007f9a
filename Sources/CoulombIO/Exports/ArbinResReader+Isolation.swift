import CoulombCore
import Foundation

/// Where libmdb parses Arbin `.res` files: in this process (the default, for library users), or in a
/// child process, where a crash or a hang of the C parser on a damaged file cannot take the caller down
/// and its console output cannot mix with the caller's.
///
/// libmdb 1.0 writes diagnostics to both stdout and stderr while it reads a damaged database (whole
/// pages of blanks on stdout for a cut file), and, as a C parser of untrusted files, may crash. The
/// `coulomb` command runs itself as the child (a hidden subcommand calling ``serve(path:)``): the child
/// writes its reading to the stdout it was given, libmdb's output goes to stderr, which the parent keeps
/// for the error message. A child killed by a signal or running past its time limit is an error naming
/// the file; the time limit is 10 s plus 1 s per 2 MB (libmdb reads a 1.6 MB file in 0.1 s). One flipped
/// byte in the sample file's page 342 sends libmdb 1.0 into an endless loop: that is what the limit is for.
public enum AccessDatabaseParsing {
    private final class Setting: @unchecked Sendable {
        let lock = NSLock()
        var helper: [String]?
    }
    private static let setting = Setting()

    /// The child's command line before the file's path (the executable first), or `nil` to parse in process.
    public static var helper: [String]? {
        get { setting.lock.withLock { setting.helper } }
        set { setting.lock.withLock { setting.helper = newValue } }
    }

    /// The child's side: reads `path` in this process and writes the reading, or the error, to standard
    /// output; everything libmdb prints goes to standard error. Returns the exit status.
    public static func serve(path: String) -> Int32 {
        let result = dup(STDOUT_FILENO)
        guard result >= 0, dup2(STDERR_FILENO, STDOUT_FILENO) >= 0 else { return 2 }
        let payload: Data
        do {
            let text = try ExportText(contentsOf: path)
            let database = try AccessDatabase(file: path, bytes: text.bytes)
            payload = ArbinResReading(try ArbinResReader.read(database)).encoded()
        } catch let error as CoulombIOError {
            payload = ArbinResReading(error: error).encoded()
        } catch {
            payload = ArbinResReading(error: CoulombIOError(file: path, problem: "\(error)")).encoded()
        }
        let handle = FileHandle(fileDescriptor: result, closeOnDealloc: true)
        do { try handle.write(contentsOf: payload) } catch { return 2 }
        return 0
    }

    /// The parent's side: runs the helper on `path` and decodes its reading.
    static func readInChild(_ helper: [String], path: String, size: Int) throws -> ArbinResReading {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: helper[0])
        process.arguments = Array(helper.dropFirst()) + [path]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw CoulombIOError(file: path, problem: "cannot start the reader process \(helper[0]): \(error.localizedDescription)")
        }
        // Both pipes are drained while the child runs, so a large reading cannot fill a pipe and stall it.
        let collected = Collected()
        let group = DispatchGroup()
        for (pipe, isOutput) in [(output, true), (errors, false)] {
            DispatchQueue.global().async(group: group) {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                collected.set(data, output: isOutput)
            }
        }
        let limit = 10 + Double(size) / 2e6
        let deadline = Date().addingTimeInterval(limit)
        while process.isRunning, Date() < deadline { usleep(2_000) }
        if process.isRunning {
            process.terminate()
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            group.wait()
            throw CoulombIOError(file: path, problem: """
                libmdb did not finish reading this MS Access database within \(Int(limit)) s and was stopped \
                (the database is damaged, or far larger than its size suggests)
                """)
        }
        process.waitUntilExit()
        group.wait()
        let (data, messages) = collected.values
        let lastMessage = String(decoding: messages, as: UTF8.self).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.last { !$0.isEmpty }
        let said = lastMessage.map { "; libmdb's last message: '\($0.prefix(200))'" } ?? ""
        if process.terminationReason == .uncaughtSignal {
            throw CoulombIOError(file: path, problem: """
                libmdb crashed (signal \(process.terminationStatus)) reading this MS Access database: it is damaged \
                or in a form libmdb cannot read\(said)
                """)
        }
        guard process.terminationStatus == 0, let reading = ArbinResReading(decoding: data, file: path) else {
            throw CoulombIOError(file: path, problem: """
                the reader process failed (exit status \(process.terminationStatus)) without a reading\(said)
                """)
        }
        return reading
    }

    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var output = Data(), errors = Data()
        func set(_ data: Data, output isOutput: Bool) {
            lock.withLock { if isOutput { output = data } else { errors = data } }
        }
        var values: (Data, Data) { lock.withLock { (output, errors) } }
    }
}

/// An Arbin `.res` reading, or the error, as the child process hands it to the parent: a JSON header
/// (facts, auxiliary channels, warnings, row count, error) after its byte count, then every column as
/// little-endian float64, so numbers cross the pipe with every bit.
struct ArbinResReading {
    var record = ArbinResReader.Record()
    var global: [String: JSONValue] = [:]
    var auxiliary: [JSONValue] = []
    var warnings: [String] = []
    var error: CoulombIOError?

    private static let magic = Array("coulomb-res 1\n".utf8)

    private struct Header: Codable {
        var rows: Int
        var hasTemperature: Bool
        var global: [String: JSONValue]
        var auxiliary: [JSONValue]
        var warnings: [String]
        var errorFile: String?
        var errorObject: String?
        var errorProblem: String?
    }

    init(_ reading: (ArbinResReader.Record, [String: JSONValue], [JSONValue], [String])) {
        (record, global, auxiliary, warnings) = reading
    }

    init(error: CoulombIOError) { self.error = error }

    /// The columns in the order they cross the pipe.
    private var columns: [[Double]] {
        [record.dataPoint, record.testTime_s, record.stepTime_s, record.current_A, record.voltage_V,
         record.cycleIndex.map(Double.init), record.stepIndex.map(Double.init), record.chargeCapacity_Ah,
         record.dischargeCapacity_Ah, record.chargeEnergy_Wh, record.dischargeEnergy_Wh] + (record.temperature_C.map { [$0] } ?? [])
    }

    func encoded() -> Data {
        let header = Header(rows: record.dataPoint.count, hasTemperature: record.temperature_C != nil, global: global,
                            auxiliary: auxiliary, warnings: warnings, errorFile: error?.file, errorObject: error?.object,
                            errorProblem: error?.problem)
        let json = (try? JSONEncoder().encode(header)) ?? Data()
        var data = Data(Self.magic)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(json)
        for column in columns {
            column.withUnsafeBytes { data.append(contentsOf: $0) }
        }
        return data
    }

    /// Decodes what ``encoded()`` wrote, or `nil` when the bytes are not a whole reading.
    init?(decoding data: Data, file: String) {
        let bytes = [UInt8](data)
        let start = Self.magic.count + 8
        guard bytes.count >= start, bytes.starts(with: Self.magic) else { return nil }
        let length = bytes.withUnsafeBytes { Int(UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: Self.magic.count, as: UInt64.self))) }
        guard length >= 0, length <= bytes.count - start,
              let header = try? JSONDecoder().decode(Header.self, from: Data(bytes[start..<(start + length)])) else { return nil }
        if let problem = header.errorProblem {
            self.init(error: CoulombIOError(file: header.errorFile ?? file, object: header.errorObject, problem: problem))
            return
        }
        let count = header.hasTemperature ? 12 : 11
        var offset = start + length
        guard header.rows >= 0, bytes.count - offset == count * header.rows * 8 else { return nil }
        var columns: [[Double]] = []
        bytes.withUnsafeBytes { raw in
            for _ in 0..<count {
                columns.append((0..<header.rows).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8 * $0, as: UInt64.self))) })
                offset += 8 * header.rows
            }
        }
        let record = ArbinResReader.Record(
            dataPoint: columns[0], testTime_s: columns[1], stepTime_s: columns[2], current_A: columns[3], voltage_V: columns[4],
            cycleIndex: columns[5].map { Int($0) }, stepIndex: columns[6].map { Int($0) }, chargeCapacity_Ah: columns[7],
            dischargeCapacity_Ah: columns[8], chargeEnergy_Wh: columns[9], dischargeEnergy_Wh: columns[10],
            temperature_C: header.hasTemperature ? columns[11] : nil)
        self.init((record, header.global, header.auxiliary, header.warnings))
    }
}
