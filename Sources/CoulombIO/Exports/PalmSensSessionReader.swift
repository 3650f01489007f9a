import CoulombCore
import Foundation

/// Reads PalmSens `.pssession` files (PSTrace sessions): one JSON document in UTF-16 (little-endian, with
/// a byte-order mark), whose `Measurements` each hold a `DataSet`. A data set whose `Type` names EIS
/// (`PalmSens.Data.DataSetEIS`) is a spectrum: among its `Values` arrays, the one whose `Unit.Type` is
/// `PalmSens.Units.Hertz` holds the frequencies, `…ZRe` Z′ and `…ZIm` the imaginary part, each point as
/// `{"V": value}`. Measurements of other techniques (voltammograms) are not impedance and are not read.
///
/// The `ZIm` array's unit says `"Q": "-Z''"`: it holds −Z″ (positive on a capacitive arc) and is negated;
/// one labelled `Z''` would be kept as is.
enum PalmSensSessionReader {
    /// `{"` in UTF-16 LE, after an optional byte-order mark.
    static func recognises(_ text: ExportText) -> Bool {
        let body = text.bytes.starts(with: [0xFF, 0xFE]) ? text.bytes.dropFirst(2) : text.bytes[...]
        guard body.starts(with: [0x7B, 0x00, 0x22, 0x00]) else { return false }
        return decoded(Array(body.prefix(4096))).contains("PalmSens")
    }

    /// UTF-16 LE bytes as text (an odd last byte dropped; invalid units become U+FFFD).
    private static func decoded(_ bytes: [UInt8]) -> String {
        let units = stride(from: 0, to: bytes.count - 1, by: 2).map { UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8 }
        return String(decoding: units, as: UTF16.self)
    }

    static func read(_ text: ExportText) throws -> ExportContent {
        let json = decoded(text.bytes.starts(with: [0xFF, 0xFE]) ? Array(text.bytes.dropFirst(2)) : text.bytes)
        guard let open = json.firstIndex(of: "{"), let close = json.lastIndex(of: "}"), open < close else {
            throw CoulombIOError(file: text.file, problem: "holds no JSON object (a PalmSens session is one, in UTF-16)")
        }
        let document: JSONValue
        let data = Data(json[open...close].utf8)
        do {
            document = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw CoulombIOError(file: text.file, problem: "is not valid JSON (is the file cut short or damaged?): \(whereJSONBreaks(data))")
        }
        guard case .array(let measurements)? = document[path: "Measurements"] else {
            throw CoulombIOError(file: text.file, problem: "no 'Measurements' list (a PalmSens session has one)")
        }
        var spectra: [ExportSpectrum] = []
        var others: [String] = []
        for (index, measurement) in measurements.enumerated() {
            let object = "Measurements[\(index)].DataSet"
            guard let type = measurement[path: "DataSet.Type"]?.string else {
                throw CoulombIOError(file: text.file, object: object, problem: "no 'Type' saying what was measured")
            }
            guard type.contains("EIS") else {
                others.append(type)
                continue
            }
            guard case .array(let arrays)? = measurement[path: "DataSet.Values"] else {
                throw CoulombIOError(file: text.file, object: object, problem: "no 'Values' list of data arrays")
            }
            func values(_ unit: String, _ what: String) throws -> (values: [Double], quantity: String?) {
                guard let position = arrays.firstIndex(where: { $0[path: "Unit.Type"]?.string?.hasSuffix(".\(unit)") == true }) else {
                    throw CoulombIOError(file: text.file, object: object, problem: "no \(what) array (unit 'PalmSens.Units.\(unit)')")
                }
                guard case .array(let points)? = arrays[position][path: "DataValues"] else {
                    throw CoulombIOError(file: text.file, object: "\(object).Values[\(position)]", problem: "no 'DataValues' list")
                }
                let numbers = try points.enumerated().map { point, value in
                    guard case .number(let number)? = value[path: "V"] else {
                        throw CoulombIOError(file: text.file, object: "\(object).Values[\(position)].DataValues[\(point)]",
                                             problem: "no number 'V'")
                    }
                    return number
                }
                return (numbers, arrays[position][path: "Unit.Q"]?.string)
            }
            let frequency = try values("Hertz", "frequency"), real = try values("ZRe", "Z'"), imaginary = try values("ZIm", "imaginary part")
            guard frequency.values.count == real.values.count, frequency.values.count == imaginary.values.count else {
                throw CoulombIOError(file: text.file, object: object, problem: """
                    \(frequency.values.count) frequencies, \(real.values.count) Z' and \(imaginary.values.count) imaginary values; \
                    a spectrum has one of each a point
                    """)
            }
            let sign = imaginary.quantity == "Z''" ? 1.0 : -1.0
            var points = ImpedancePoints()
            for point in frequency.values.indices {
                points.append(frequency_Hz: frequency.values[point], real_ohm: real.values[point],
                              imaginary_ohm: sign * imaginary.values[point], at: "Measurements[\(index)] point \(point)")
            }
            spectra.append(points.spectrum(frequency: "Frequency", real: "ZRe", imaginary: "ZIm"))
        }
        guard !spectra.isEmpty else {
            throw CoulombIOError(file: text.file, problem: """
                no impedance measurement in this PalmSens session\(others.isEmpty ? "" : " (it holds \(others.joined(separator: ", ")))")
                """)
        }
        return ImpedancePoints.content(spectra, frequency: "Frequency", real: "ZRe", imaginary: "ZIm")
    }

    /// Where a JSON text stops being JSON, in the words of Foundation's parser ("Invalid value around
    /// character 1234."); JSONDecoder's own error does not say.
    private static func whereJSONBreaks(_ data: Data) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: data)
            return "a value of an unexpected kind"
        } catch {
            return ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String).map { "\($0) (of the text decoded from UTF-16)" }
                ?? "\(error)"
        }
    }
}
