import CoulombCore
import CoulombIO

extension Remedy {
    /// The remedy in this command line's words, appended to the error it came with.
    var hint: String {
        switch self {
        case .fact(let fact):
            if let option = Self.options[fact] { return ": give \(option), or put \(fact.rawValue) in the file's metadata" }
            return ": put \(fact.rawValue) in a cell card (--cell-card) or the file's metadata"
        case .replaceOutput: return "; pass --force to replace it"
        case .inputFormat: return " as --from says"
        case .chooseCell: return "; choose one with --cell"
        case .resumeOrRestart: return "; pass --resume to continue it, or --force to start over"
        }
    }

    /// The option that states each fact of a cell card.
    private static let options: [CellCard.Fact: String] = [
        .area: "--area-cm2", .seThickness: "--thickness-cm", .activeMass: "--mass-g",
        .cellType: "--cell-type", .counterElectrode: "--counter-electrode",
    ]

    /// The remedy an error carries, looking through the CLI's wrappers.
    static func of(_ error: any Error) -> Remedy? {
        switch error {
        case let error as AnalysisError: error.remedy
        case let error as CoulombIOError: error.remedy
        case let error as CellAnalysisError: of(error.error)
        default: nil
        }
    }
}
