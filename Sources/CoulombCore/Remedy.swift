/// What the user can do about an error or a warning, for the front end to say in its own words (a
/// command-line flag, a field of a form): the library names no option of any interface.
public enum Remedy: Sendable, Equatable {
    /// State a fact of the cell (a cell card, or the front end's option for it).
    case fact(CellCard.Fact)
    /// Allow an existing output file to be replaced.
    case replaceOutput
    /// Read the file as the format it is, not the one asked for.
    case inputFormat
    /// Name the cell to analyse, when a file holds several.
    case chooseCell
    /// Continue the interrupted run whose progress a file holds, or start over and replace it.
    case resumeOrRestart
}
