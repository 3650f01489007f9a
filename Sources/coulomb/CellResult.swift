// The reports about one cell, whose outputs state where the cell's facts came from (`OutputFileOptions`).
extension CycleReport: CellResult {}
extension CcdReport: CellResult {}
extension ShortsReport: CellResult {}
extension FitReport: CellResult {}
extension KkReport: CellResult {}
extension DifferentialReport: CellResult {}
