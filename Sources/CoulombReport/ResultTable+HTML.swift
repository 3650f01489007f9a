import CoulombCore
import CoulombIO

extension ResultTable {
    /// The columns `shown` as an HTML table: each headed by its label (`label(_:)`), each
    /// cell the string the terminal table shows (`readableRows(_:rendering:)`), escaped; a
    /// column of numbers is marked `class="n"` (set right), a column of words is not.
    ///
    /// `rendering` may write a cell its own way (a verdict in words), given the column's name and the row's
    /// index; nil keeps the readable form.
    public func html(_ shown: [String], id: String? = nil,
                     rendering: (_ column: String, _ row: Int) -> String? = { _, _ in nil }) -> String {
        let words = wordColumns(shown)
        var out = "<table\(id.map { " id=\"\(HTML.escape($0))\"" } ?? "")><thead><tr>"
        out += shown.map { "<th>\(HTML.escape(label($0)))</th>" }.joined() + "</tr></thead><tbody>\n"
        for row in readableRows(shown, rendering: rendering) {
            out += "<tr>" + row.enumerated().map { column, cell in
                words.contains(column) ? "<td>\(HTML.escape(cell))</td>" : "<td class=\"n\">\(HTML.escape(cell))</td>"
            }.joined() + "</tr>\n"
        }
        return out + "</tbody></table>\n"
    }
}
