/// Parses impedance.py's circuit language into a `Circuit`.
///
/// Grammar (whitespace ignored):
///
///     circuit  := series
///     series   := term ('-' term)*
///     term     := 'p(' series (',' series)+ ')' | element
///     element  := LABEL ('{' spec (';' spec)* '}')?
///
/// A LABEL is an element kind (`R`, `C`, `L`, `CPE`, `W`, `Wo`, `Ws`, `G`, `HN`) followed by an
/// identifier of digits, letters and underscores that starts with a digit or underscore (`R0`, `CPE1`,
/// `Wo_ct`); labels are unique. The braces give each parameter of the element, in order, an initial value,
/// bounds or a fixed value (see `ParameterSpec`): `R1{100,1,1e4}`, `CPE1{1e-6; =0.9}`.
public enum CircuitParser {
    public static func parse(_ source: String) throws(CircuitSyntaxError) -> Circuit {
        var parser = Parser(source: source)
        return try parser.circuit()
    }

    private struct Parser {
        let source: String
        let characters: [Character]
        var position = 0
        var elements: [Circuit.Element] = []
        var nodes: [Circuit.Node] = []
        var specs: [(element: Int, specs: [ParameterSpec], at: Int)] = []
        var parameterCount = 0

        init(source: String) {
            self.source = source
            characters = Array(source)
        }

        mutating func circuit() throws(CircuitSyntaxError) -> Circuit {
            skipSpace()
            guard position < characters.count else { throw error("the circuit is empty") }
            _ = try series()
            skipSpace()
            if position < characters.count {
                let c = characters[position]
                throw error(c == ")" ? "unbalanced ')'" : c == "," ? "',' outside p(…)" : "unexpected '\(c)'")
            }
            var circuit = Circuit(text: String(characters.filter { !$0.isWhitespace }), elements: elements,
                                  nodes: nodes)
            for (element, list, at) in specs {
                let first = elements[element].firstParameter
                guard list.count <= elements[element].kind.parameters.count else {
                    throw CircuitSyntaxError(
                        source: source, position: at,
                        problem: "\(elements[element].label) has \(elements[element].kind.parameters.count) "
                            + "parameter(s) but \(list.count) values are given")
                }
                for (offset, spec) in list.enumerated() {
                    do { try circuit.apply(spec, to: first + offset) } catch {
                        throw CircuitSyntaxError(source: source, position: at, problem: error.problem)
                    }
                }
            }
            return circuit
        }

        /// Parses a series chain and returns its node index (a single term is its own node).
        mutating func series() throws(CircuitSyntaxError) -> Int {
            var terms = [try term()]
            while true {
                skipSpace()
                guard position < characters.count, characters[position] == "-" else { break }
                position += 1
                terms.append(try term())
            }
            if terms.count == 1 { return terms[0] }
            nodes.append(.series(terms))
            return nodes.count - 1
        }

        mutating func term() throws(CircuitSyntaxError) -> Int {
            skipSpace()
            guard position < characters.count else { throw error("expected an element or p(…) at the end") }
            if characters[position] == "p" {
                let open = position
                position += 1
                skipSpace()
                guard position < characters.count, characters[position] == "(" else {
                    throw error("expected '(' after 'p'")
                }
                position += 1
                var branches = [try series()]
                while true {
                    skipSpace()
                    guard position < characters.count else {
                        throw CircuitSyntaxError(source: source, position: open,
                                                 problem: "unbalanced parenthesis: p( is never closed")
                    }
                    if characters[position] == "," {
                        position += 1
                        branches.append(try series())
                    } else if characters[position] == ")" {
                        position += 1
                        break
                    } else {
                        throw error("expected ',' or ')' in p(…), not '\(characters[position])'")
                    }
                }
                guard branches.count >= 2 else {
                    throw CircuitSyntaxError(source: source, position: open,
                                             problem: "p(…) needs at least two branches")
                }
                nodes.append(.parallel(branches))
                return nodes.count - 1
            }
            return try element()
        }

        mutating func element() throws(CircuitSyntaxError) -> Int {
            let start = position
            while position < characters.count,
                  characters[position].isLetter || characters[position].isNumber || characters[position] == "_" {
                position += 1
            }
            guard position > start else {
                let c = characters[position]
                throw error(c == ")" ? "unbalanced ')'" : "expected an element label, not '\(c)'")
            }
            let label = String(characters[start..<position])
            guard let kind = CircuitElement.kind(ofLabel: label) else {
                throw CircuitSyntaxError(
                    source: source, position: start,
                    problem: "unknown element '\(label)' (known: "
                        + CircuitElement.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
            guard !elements.contains(where: { $0.label == label }) else {
                throw CircuitSyntaxError(source: source, position: start, problem: "label '\(label)' is used twice")
            }
            elements.append(Circuit.Element(label: label, kind: kind, firstParameter: parameterCount))
            parameterCount += kind.parameters.count
            skipSpace()
            if position < characters.count, characters[position] == "{" {
                let open = position
                guard let close = characters[open...].firstIndex(of: "}") else {
                    throw CircuitSyntaxError(source: source, position: open, problem: "'{' is never closed")
                }
                let body = String(characters[(open + 1)..<close])
                var list: [ParameterSpec] = []
                for field in body.split(separator: ";", omittingEmptySubsequences: false) {
                    do { list.append(try ParameterSpec.parse(field)) } catch {
                        throw CircuitSyntaxError(source: source, position: open + 1, problem: error.description)
                    }
                }
                specs.append((elements.count - 1, list, open))
                position = close + 1
            }
            nodes.append(.element(elements.count - 1))
            return nodes.count - 1
        }

        mutating func skipSpace() {
            while position < characters.count, characters[position].isWhitespace { position += 1 }
        }

        func error(_ problem: String) -> CircuitSyntaxError {
            CircuitSyntaxError(source: source, position: position, problem: problem)
        }
    }
}

/// A circuit string that does not parse: what is wrong and at which character.
public struct CircuitSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    public let source: String
    /// The offending character's offset from the start of the string, counting from 0.
    public let position: Int
    public let problem: String

    /// `circuit 'R0-p(R1,CPE1': unbalanced parenthesis … at character 4`, then the string with a caret
    /// under the character.
    public var description: String {
        "circuit '\(source)': \(problem) at character \(position + 1)\n  \(source)\n  "
            + String(repeating: " ", count: position) + "^"
    }
}
