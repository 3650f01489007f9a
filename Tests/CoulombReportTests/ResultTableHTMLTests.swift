import CoulombCore
import CoulombReport
import Testing

/// The HTML renderer over a result table, against a table written out by hand: headings from the labels
/// (the name where there is none), four significant figures, a dash for a missing number, a list's words
/// comma-separated, text escaped, number and flag columns marked `n`, and only the columns asked for.
@Suite struct ResultTableHTMLTests {
    static let table = ResultTable(
        columns: ["cycle", "complete", "capacity_mAh", "note", "reasons", "ce_pct"],
        rows: [
            [.integer(1), .flag(true), .number(1.23456789), .text("a < b & \"c\""), .list(["x", "y"]), .number(nil)],
            [.integer(nil), .flag(nil), .number(1e-5), .text(""), .list([]), .number(99.5)],
        ],
        rowsKey: "cycles", labels: ["capacity_mAh": "capacity (mAh)", "ce_pct": "CE (%)", "complete": "done?"])

    @Test func aSubsetOfColumnsWithLabelsAndReadableCells() {
        let html = Self.table.html(["cycle", "capacity_mAh", "note", "reasons", "ce_pct", "complete"], id: "t<1>")
        #expect(html == """
            <table id="t&lt;1&gt;"><thead><tr><th>cycle</th><th>capacity (mAh)</th><th>note</th><th>reasons</th><th>CE (%)</th><th>done?</th></tr></thead><tbody>
            <tr><td class="n">1</td><td class="n">1.235</td><td>a &lt; b &amp; &quot;c&quot;</td><td>x, y</td><td class="n">—</td><td class="n">true</td></tr>
            <tr><td class="n">—</td><td class="n">1e-05</td><td></td><td></td><td class="n">99.5</td><td class="n">—</td></tr>
            </tbody></table>

            """)
    }

    /// A cell written its own way (a marker) by the rendering closure; the others keep the readable form.
    @Test func aRenderingClosureWritesOneCell() {
        let html = Self.table.html(["cycle", "ce_pct"]) { column, row in column == "cycle" && row == 0 ? "1*" : nil }
        #expect(html == """
            <table><thead><tr><th>cycle</th><th>CE (%)</th></tr></thead><tbody>
            <tr><td class="n">1*</td><td class="n">—</td></tr>
            <tr><td class="n">—</td><td class="n">99.5</td></tr>
            </tbody></table>

            """)
    }
}
