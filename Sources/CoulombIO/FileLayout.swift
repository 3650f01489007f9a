/// The on-disk layouts Coulomb recognises, detected from a file's content.
public enum FileLayout: String, Sendable, CaseIterable {
    /// battery-data-toolkit: PyTables tables `raw_data`, `cycle_stats`, `eis_data` at the root or in one
    /// group per cell, with JSON `metadata` attributes. Coulomb's own format.
    case battdat
    /// Plain 1-D datasets as people write them with h5py: a group holding `time_s`, `voltage_V`,
    /// `current_A` (…), and spectrum groups holding `frequency_Hz`, `z_real_ohm`, `z_imag_ohm`.
    case simple = "hdf5-columns"
    /// cellpy's HDF5 file (file versions 5–8): pandas frames `raw`, `steps`, `summary`, `info` under
    /// `/CellpyData`, column names in pickled attributes.
    case cellpy
    /// MATLAB v7.3 `.mat` (HDF5 with object references), in the layout of the Severson et al. 2019
    /// fast-charging data set: a `batch` struct array, one element per cell.
    case matlab = "matlab-v7.3"

    /// What a user reads in `coulomb info`.
    public var summary: String {
        switch self {
        case .battdat: "battdat HDF5 (battery-data-toolkit tables)"
        case .simple: "HDF5 columns (1-D datasets per quantity)"
        case .cellpy: "cellpy HDF5 (pandas frames under /CellpyData)"
        case .matlab: "MATLAB v7.3 (batch struct of cells)"
        }
    }
}
