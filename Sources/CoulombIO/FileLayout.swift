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
    /// BioLogic EC-Lab text export (`EC-Lab ASCII FILE`, tab-separated after `Nb header lines`).
    case biologicMPT = "biologic-mpt"
    /// BioLogic EC-Lab binary file (`BIO-LOGIC MODULAR FILE`, a sequence of modules).
    case biologicMPR = "biologic-mpr"
    /// Arbin CSV export (`Test_Time`, `Current`, `Voltage`, … with or without units in brackets).
    case arbinCSV = "arbin-csv"
    /// Arbin MITS Pro result file (`.res`): an MS Access database with `Channel_Normal_Table`,
    /// `Global_Table` and auxiliary tables, read through libmdb.
    case arbinRes = "arbin-res"
    /// Neware CSV export (`Cycle Index`, `Step Type`, `Current(A)`, `Voltage(V)`, h:mm:ss times).
    case newareCSV = "neware-csv"
    /// Maccor tab-separated text export (`Rec`, `Cycle C`, `Step`, `TestTime`, `Current [A]`, `Md`).
    case maccorText = "maccor-txt"
    /// Battery Data Format CSV (Battery Data Alliance): `Quantity / unit` column labels.
    case batteryDataFormat = "bdf-csv"
    /// Gamry Framework `.DTA` (`EXPLAIN`, tagged header lines, a `ZCURVE TABLE`).
    case gamryDTA = "gamry-dta"
    /// ZPlot/ZView `.z` (`ZPLOT2 ASCII`, data after `End Comments`).
    case zplot = "zplot"
    /// Plain CSV of frequency, Z′, Z″ (with or without a header naming them).
    case impedanceCSV = "impedance-csv"
    /// Autolab FRA's Z60W text (`"Z60W Data File"`, ZPlot's columns, comma-separated rows).
    case autolab = "autolab-txt"
    /// CH Instruments A.C. impedance text (`Freq/Hz, Z'/ohm, Z"/ohm, …`).
    case chInstruments = "chi-txt"
    /// VersaStudio `.par` (`<Application>` … `<Segment1>` with a `Definition=` line).
    case versaStudio = "versastudio-par"
    /// PowerSuite impedance text (`Frequency`, `Zre`, `Zimg`, tab-separated).
    case powerSuite = "powersuite-txt"
    /// Parstat impedance text (`Potential (V)`, …, `Frequency (Hz)`, `Zre (ohms)`, `Zim (ohms)`, tab-separated).
    case parstat = "parstat-txt"
    /// PEC cycler CSV export (settings lines, then `Test,Cell,Rack,…,Total Time (Seconds),Voltage (mV)`).
    case pecCSV = "pec-csv"
    /// PalmSens PSTrace session (`.pssession`: UTF-16 JSON, `Measurements` with EIS data sets).
    case palmSens = "palmsens-pssession"
    /// Ivium `.ids`/`.idf` (`Method=Impedance` blocks, each with a `primary_data` table of Z′, Z″, f).
    case ivium = "ivium-ids"
    /// Eco Chemie (Autolab FRA) `.dfr` (`VERSIONx.y`, a point count, nine lines a point).
    case ecoChemieDFR = "ecochemie-dfr"
    /// Elchemea Analytical `.i2b` (metadata lines, a point count, rows of f, Z′, Z″).
    case elchemeaI2B = "elchemea-i2b"
    /// `.P00` impedance text (`f/Hz  Z'/Ohm  -Z''/Ohm  time/s  Edc/V  Idc/A`, a point count, rows).
    case p00 = "p00"
    /// Neware BTS `.ndax`: a zip archive of `.ndc` tables (layout versions 2–17) and XML settings.
    case newareNDAX = "neware-ndax"
    /// Neware BTS `.nda` (`NEWARE`, layout versions 29 and 130 as BTS 9.1 writes it).
    case newareNDA = "neware-nda"
    /// Excel workbook (Office Open XML): sheets laid out as an Arbin, Neware or LAND export, or spectra.
    case xlsx
    /// OpenDocument spreadsheet: sheets as in ``xlsx``.
    case ods

    /// What a user reads in `coulomb info`.
    public var summary: String {
        switch self {
        case .battdat: "battdat HDF5 (battery-data-toolkit tables)"
        case .simple: "HDF5 columns (1-D datasets per quantity)"
        case .cellpy: "cellpy HDF5 (pandas frames under /CellpyData)"
        case .matlab: "MATLAB v7.3 (batch struct of cells)"
        case .biologicMPT: "BioLogic EC-Lab text export (.mpt)"
        case .biologicMPR: "BioLogic EC-Lab binary file (.mpr)"
        case .arbinCSV: "Arbin CSV export"
        case .arbinRes: "Arbin result file (.res, MS Access database)"
        case .newareCSV: "Neware CSV export"
        case .maccorText: "Maccor text export"
        case .batteryDataFormat: "Battery Data Format CSV"
        case .gamryDTA: "Gamry Framework impedance file (.DTA)"
        case .zplot: "ZPlot/ZView impedance file (.z)"
        case .impedanceCSV: "impedance CSV (frequency, Z', Z'')"
        case .autolab: "Autolab FRA impedance export (Z60W text)"
        case .chInstruments: "CH Instruments impedance export (A.C. Impedance text)"
        case .versaStudio: "VersaStudio impedance file (.par)"
        case .powerSuite: "PowerSuite impedance export (Frequency, Zre, Zimg)"
        case .parstat: "Parstat impedance export (text)"
        case .pecCSV: "PEC cycler CSV export"
        case .palmSens: "PalmSens PSTrace session (.pssession)"
        case .ivium: "Ivium impedance file (.ids/.idf)"
        case .ecoChemieDFR: "Eco Chemie impedance file (.dfr)"
        case .elchemeaI2B: "Elchemea Analytical impedance file (.i2b)"
        case .p00: "impedance text file (.P00: f/Hz, Z'/Ohm, -Z''/Ohm)"
        case .newareNDAX: "Neware BTS binary file (.ndax)"
        case .newareNDA: "Neware BTS binary file (.nda)"
        case .xlsx: "Excel workbook (.xlsx)"
        case .ods: "OpenDocument spreadsheet (.ods)"
        }
    }
}
