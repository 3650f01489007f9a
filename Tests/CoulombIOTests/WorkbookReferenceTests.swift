import CoulombCore
@testable import CoulombIO
import Foundation
import Testing
import TestFixtures

/// Coulomb's .xlsx and .ods reader against pandas' reading of the same files (`read_excel`, engines openpyxl
/// and odf), recorded by `Fixtures/make_workbook_fixtures.py` in `Fixtures/workbooks/reference.json`: every
/// cell of every sheet, and the model columns of the cycling workbooks.
@Suite struct WorkbookReferenceTests {
    nonisolated(unsafe) static let references: [String: [String: Any]] = {
        let data = try! Data(contentsOf: URL(fileURLWithPath: Fixture.path("workbooks/reference.json")))
        let document = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
        return document["files"] as! [String: [String: Any]]
    }()

    static let names = ["data.xlsx", "data.ods", "arbin_channel.xlsx", "arbin_two_channels.xlsx", "neware_record.xlsx",
                        "neware_record.ods", "land_record.xlsx", "handmade.xlsx"]

    @Test func everyReferenceWorkbookIsTested() {
        #expect(Set(Self.references.keys) == Set(Self.names))
    }

    static func workbook(_ name: String) throws -> Workbook {
        let zip = try ZipContainer(path: Fixture.path("workbooks/\(name)"))
        return name.hasSuffix(".ods") ? try ODSReader.read(zip) : try XLSXReader.read(zip)
    }

    /// Every cell as pandas reads it: numbers and text exactly (numbers are compared through their `repr`,
    /// parsed correctly rounded by `Double(String)`); date-times to 1 ms, because openpyxl rounds the day
    /// fraction to whole microseconds while Coulomb keeps the product of days and 86,400 s; ODF dates and
    /// times (written as text) exactly. Rows pandas gives beyond Coulomb's are empty ones.
    @Test(arguments: names)
    func everyCellAsPandasReadsIt(name: String) throws {
        let reference = try #require(Self.references[name]?["sheets"] as? [[String: Any]])
        let workbook = try Self.workbook(name)
        #expect(workbook.sheets.map(\.name) == reference.map { $0["name"] as? String ?? "" })
        for (sheet, expected) in zip(workbook.sheets, reference) {
            let rows = try #require(expected["rows"] as? [[Any]])
            let byNumber = Dictionary(uniqueKeysWithValues: sheet.rows.map { ($0.number, $0) })
            #expect(sheet.rows.allSatisfy { $0.number <= rows.count }, "sheet '\(sheet.name)' has rows pandas does not")
            for (index, cells) in rows.enumerated() {
                let row = byNumber[index + 1] ?? SheetRow(number: index + 1, cells: [])
                #expect(row.cells.count <= cells.count, "sheet '\(sheet.name)' row \(index + 1) is wider than pandas reads it")
                for (column, cell) in cells.enumerated() {
                    let place = "\(name) sheet '\(sheet.name)' \(Sheet.columnLetters(column))\(index + 1)"
                    Self.expect(row[column], equals: cell as? String, at: place)
                }
            }
        }
    }

    static func expect(_ cell: SheetCell, equals encoded: String?, at place: String) {
        guard let encoded else {
            #expect(cell == .empty, "\(place): \(cell) where pandas reads nothing")
            return
        }
        let value = String(encoded.dropFirst())
        switch (encoded.first, cell) {
        case ("n", .number(let number)): #expect(number == Double(value), "\(place)")
        case ("t", .text(let text)): #expect(text == value, "\(place)")
        case ("b", .boolean(let flag)): #expect(flag == (value == "1"), "\(place)")
        case ("s", .seconds(let seconds)): #expect(abs(seconds - Double(value)!) <= 1e-3, "\(place): \(seconds) s, pandas \(value) s")
        default: Issue.record("\(place): \(cell), pandas reads \(encoded)")
        }
    }

    static func doubles(_ values: Any?) -> [Double] { (values as? [String] ?? []).map { Double($0)! } }

    /// The cycling workbooks' model columns as pandas reads the record sheets: voltage, current and the
    /// counters exactly; time to 1 µs (a duration cell is a fraction of a day, which openpyxl rounds to the
    /// microsecond).
    @Test(arguments: ["arbin_channel.xlsx", "neware_record.xlsx", "neware_record.ods", "land_record.xlsx"])
    func cyclingColumnsAsPandasReadsThem(name: String) throws {
        let reference = try #require(Self.references[name])
        let model = try #require(reference["model"] as? [String: Any])
        let file = try CellFileReader.read(Fixture.path("workbooks/\(name)"))
        #expect(file.layout == (name.hasSuffix(".ods") ? .ods : .xlsx))
        #expect(file.cells.count == 1)
        let data = try #require(file.cells.first?.cell.cycling)
        let time = Self.doubles(model["time_s"])
        #expect(data.time_s.count == time.count)
        #expect(zip(data.time_s, time).allSatisfy { abs($0 - $1) <= 1e-6 })
        #expect(data.voltage_V == Self.doubles(model["voltage_V"]))
        // LAND writes mA: ×1e-3 on both sides, exactly the same product.
        #expect(data.current_A == Self.doubles(model["current_A"]))
        #expect(data.cycleIndex == model["cycle"] as? [Int])
        #expect(data.stepIndex == model["step"] as? [Int])
        let read = file.parts.filter { $0.cell != nil }.map(\.name)
        let skipped = file.parts.filter { $0.cell == nil }.map(\.name)
        #expect(read == reference["record_sheets"] as? [String])
        #expect(Set(skipped) == Set(reference["skipped_sheets"] as? [String] ?? []))
    }

    /// An Arbin sheet maps to the same columns, names and values as the Arbin CSV export it was made from.
    @Test func arbinSheetsReadAsTheCSVExport() throws {
        let sheet = try CellFileReader.read(Fixture.path("workbooks/arbin_channel.xlsx")).cells[0]
        let csv = try CellFileReader.read(Fixture.path("exports/arbin_example.csv")).cells[0]
        #expect(sheet.cyclingColumns == csv.cyclingColumns)
        let a = try #require(sheet.cell.cycling), b = try #require(csv.cell.cycling)
        #expect(a.count == 600)
        #expect(a.time_s == Array(b.time_s.prefix(600)))
        #expect(a.voltage_V == Array(b.voltage_V.prefix(600)))
        #expect(a.current_A == Array(b.current_A.prefix(600)))
        #expect(a.chargeCapacity_Ah == b.chargeCapacity_Ah.map { Array($0.prefix(600)) })
        #expect(a.temperature_C == b.temperature_C.map { Array($0.prefix(600)) })
    }

    /// Two channels' record sheets are two cells, named after their sheets.
    @Test func twoChannelsAreTwoCells() throws {
        let reference = try #require(Self.references["arbin_two_channels.xlsx"]?["channels"] as? [String: [String: Any]])
        let file = try CellFileReader.read(Fixture.path("workbooks/arbin_two_channels.xlsx"))
        #expect(file.cells.map(\.cell.id) == ["Channel_1-006", "Channel_1-007"])
        for loaded in file.cells {
            let model = try #require(reference[loaded.cell.id])
            #expect(loaded.cell.cycling?.time_s == Self.doubles(model["time_s"]))
            #expect(loaded.cell.cycling?.current_A == Self.doubles(model["current_A"]))
        }
    }

    /// pyimpspec's spreadsheets: each sheet read is the spectrum its header names, with pyimpspec's
    /// conventions — `Z''` as is, a leading minus (`-Zim`) negated; `real`/`imaginary` as is; `|Z|` with
    /// `-phase` (degrees of −φ) as |Z|·e^{jφ}. The sheets of f, Z', Z'' and freq, Zre, -Zim must be read.
    @Test(arguments: ["data.xlsx", "data.ods"])
    func spreadsheetSpectraAsPyimpspecDocumentsThem(name: String) throws {
        let reference = try #require(Self.references[name]?["sheets"] as? [[String: Any]])
        let file = try CellFileReader.read(Fixture.path("workbooks/\(name)"))
        let read = file.parts.filter { $0.cell != nil }.map(\.name)
        #expect(read.starts(with: ["header-variant-1", "header-variant-2"]))
        let spectra = try #require(file.cells.first?.cell.spectra)
        #expect(spectra.count == read.count)
        for (spectrum, sheetName) in zip(spectra, read) {
            let rows = try #require(reference.first { $0["name"] as? String == sheetName }?["rows"] as? [[String?]])
            let header = rows[0].map { String($0?.dropFirst() ?? "") }
            let columns = (0..<3).map { column in rows.dropFirst().map { Double($0[column]!.dropFirst())! } }
            var real = columns[1], imaginary = columns[2]
            if header[1] == "|Z|" {
                let phase = columns[2].map { (header[2].hasPrefix("-") ? -$0 : $0) * .pi / 180 }
                real = zip(columns[1], phase).map { $0 * cos($1) }
                imaginary = zip(columns[1], phase).map { $0 * sin($1) }
            } else if header[2].hasPrefix("-") {
                imaginary = imaginary.map { -$0 }
            }
            #expect(spectrum.frequency_Hz == columns[0], "\(sheetName)")
            #expect(zip(spectrum.impedance_ohm.map(\.real), real).allSatisfy { abs($0 - $1) <= 1e-12 * abs($1) }, "\(sheetName)")
            #expect(zip(spectrum.impedance_ohm.map(\.imaginary), imaginary).allSatisfy { abs($0 - $1) <= 1e-12 * abs($1) }, "\(sheetName)")
        }
    }

    @Test func numberFormats() {
        #expect(NumberFormat.meaning(ofCode: "General") == .number)
        #expect(NumberFormat.meaning(ofCode: "0.00E+00") == .number)
        #expect(NumberFormat.meaning(ofCode: "yyyy\\-mm\\-dd\\ hh:mm:ss") == .dateTime)
        #expect(NumberFormat.meaning(ofCode: "mmm") == .dateTime)
        #expect(NumberFormat.meaning(ofCode: "[h]:mm:ss") == .duration)
        #expect(NumberFormat.meaning(ofCode: "h:mm:ss;@") == .timeOfDay)
        #expect(NumberFormat.meaning(ofCode: "[Red]0.00\"h\"") == .number)
        #expect(NumberFormat.seconds(days: 1.5, meaning: .duration, date1904: false) == 129_600)
        #expect(NumberFormat.seconds(days: 25569.5, meaning: .dateTime, date1904: false) == 43_200)
        #expect(ODSReader.durationSeconds("PT01H02M03.5S") == 3723.5)
        #expect(ODSReader.durationSeconds("-P1DT1H") == -90_000)
        #expect(ODSReader.durationSeconds("PT1X") == nil)
    }
}

/// How sheets become cells, on workbooks built in memory (the values are made up; the mapping is the test).
@Suite struct WorkbookMappingTests {
    static func row(_ number: Int, _ values: [Any]) -> SheetRow {
        SheetRow(number: number, cells: values.map { ($0 as? String).map(SheetCell.text) ?? .number($0 as! Double) })
    }

    static var arbinHeader: [Any] { ["Test_Time", "Voltage", "Current", "Cycle_Index"] }

    /// A record continued on a sheet whose header sits lower (a title row above it) is one record; spectra
    /// beside two channels' records are a cell of their own, named after the file, and `parts` says so.
    @Test func recordsSpectraAndContinuations() throws {
        let first = Sheet(name: "Channel_1_1", rows: [Self.row(1, Self.arbinHeader), Self.row(2, [0.0, 3.0, 0.1, 1.0]),
                                                     Self.row(3, [1.0, 3.1, 0.1, 1.0])])
        let second = Sheet(name: "Channel_1_2", rows: [Self.row(1, ["continued"]), Self.row(3, Self.arbinHeader),
                                                      Self.row(4, [2.0, 3.2, 0.1, 1.0])])
        let other = Sheet(name: "Channel_2", rows: [Self.row(1, Self.arbinHeader), Self.row(2, [0.0, 3.5, -0.1, 1.0]),
                                                   Self.row(5, [4.0, 3.4, -0.1, 1.0])])
        let spectrum = Sheet(name: "EIS", rows: [Self.row(1, ["f", "Z'", "-Z''"]), Self.row(2, [1000.0, 10.0, 1.0]),
                                                Self.row(3, [100.0, 12.0, 3.0]), Self.row(4, [10.0, 15.0, 4.0])])
        let workbook = Workbook(kind: .xlsx, sheets: [first, second, other, spectrum])
        let file = try WorkbookReader.read(workbook, path: "/data/cells.xlsx", keepingInvalidSpectra: false)
        #expect(file.cells.map(\.cell.id) == ["Channel_1_1", "Channel_2", "cells"])
        #expect(file.cells[0].cell.cycling?.time_s == [0, 1, 2])
        #expect(file.cells[1].cell.cycling?.voltage_V == [3.5, 3.4])
        #expect(file.cells[2].cell.spectra.first?.impedance_ohm.map(\.imaginary) == [-1, -3, -4])
        #expect(file.parts.map(\.cell) == ["Channel_1_1", "Channel_1_1", "Channel_2", "cells"])
        #expect(file.parts[1].note == "read; header in row 3")
    }

    /// A Neware record's `Total Time` as text `h:mm:ss` (hours past 24 allowed), as a duration cell and as plain
    /// seconds: 25 h 0 min 1.5 s is 90,001.5 s.
    @Test func durationsAsTextCellsOrSeconds() throws {
        let header: [Any] = ["Cycle Index", "Step Index", "Step Type", "Total Time", "Current(A)", "Voltage(V)"]
        var rows = [Self.row(1, header), Self.row(2, [1.0, 1.0, "CC Chg", "25:00:01.5", 0.001, 3.0])]
        rows.append(SheetRow(number: 3, cells: [.number(1), .number(1), .text("CC Chg"), .seconds(90_002), .number(0.001), .number(3.1)]))
        rows.append(Self.row(4, [1.0, 2.0, "CC DChg", 90_010.25, -0.001, 2.9]))
        let file = try WorkbookReader.read(Workbook(kind: .xlsx, sheets: [Sheet(name: "record", rows: rows)]),
                                           path: "n.xlsx", keepingInvalidSpectra: false)
        #expect(file.cells[0].cell.cycling?.time_s == [90_001.5, 90_002, 90_010.25])
        #expect(file.parts.first?.kind == "Neware record")
    }

    /// An error in a continuation sheet names that sheet and cell; time running backwards names its row.
    @Test func errorsNameTheSheet() throws {
        let first = Sheet(name: "Record", rows: [Self.row(1, Self.arbinHeader), Self.row(2, [0.0, 3.0, 0.1, 1.0])])
        let bad = Sheet(name: "Record_2", rows: [Self.row(1, Self.arbinHeader), Self.row(2, [1.0, "3,1", 0.1, 1.0])])
        let error = #expect(throws: CoulombIOError.self) {
            try WorkbookReader.read(Workbook(kind: .ods, sheets: [first, bad]), path: "x.ods", keepingInvalidSpectra: false)
        }
        #expect(error?.object == "sheet 'Record_2' cell B2")
        #expect(error?.problem == "column 'Voltage': '3,1' is not a number")
        let back = Sheet(name: "Record_2", rows: [Self.row(1, Self.arbinHeader), Self.row(7, [-5.0, 3.1, 0.1, 1.0])])
        let backwards = #expect(throws: CoulombIOError.self) {
            try WorkbookReader.read(Workbook(kind: .ods, sheets: [first, back]), path: "x.ods", keepingInvalidSpectra: false)
        }
        #expect(backwards?.object == "sheet 'Record_2' row 7", "\(String(describing: backwards))")
    }
}
