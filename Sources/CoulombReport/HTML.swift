/// The few pieces of HTML the report is made of, with text escaped once, here.
enum HTML {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    static func element(_ tag: String, _ text: String, class name: String? = nil) -> String {
        "<\(tag)\(name.map { " class=\"\($0)\"" } ?? "")>\(escape(text))</\(tag)>\n"
    }

    /// A figure: the SVG inline (it needs nothing from outside) and its caption.
    static func figure(_ svg: String, id: String, caption: String) -> String {
        "<figure id=\"\(escape(id))\" class=\"plot\">\n\(svg)\n<figcaption>\(escape(caption))</figcaption></figure>\n"
    }

    /// Facts as a definition list.
    static func facts(_ pairs: [(String, String)]) -> String {
        "<dl>" + pairs.map { "<dt>\(escape($0.0))</dt><dd>\(escape($0.1))</dd>" }.joined() + "</dl>\n"
    }

    static let style = """
        body { font-family: Helvetica, Arial, sans-serif; color: #222; margin: 24px auto; max-width: 980px; padding: 0 16px; }
        h1 { font-size: 22px; margin-bottom: 4px; } h2 { font-size: 18px; border-bottom: 1px solid #ccc; padding-bottom: 4px; margin-top: 32px; }
        h3 { font-size: 15px; margin-top: 24px; } p.meta { color: #555; margin-top: 0; }
        dl { display: grid; grid-template-columns: max-content auto; gap: 2px 16px; font-size: 13px; }
        dt { color: #555; } dd { margin: 0; }
        table { border-collapse: collapse; font-size: 12px; margin: 8px 0; }
        th, td { padding: 2px 8px; border-bottom: 1px solid #e4e4e4; text-align: left; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
        th { background: #f4f4f4; }
        .verdict { font-size: 15px; background: #f4f7fb; border-left: 4px solid #0072b2; padding: 8px 12px; }
        .verdict.bad { background: #fbf1ee; border-left-color: #d55e00; }
        .note { color: #555; font-size: 12px; } .error { color: #a33; }
        figure.plot { margin: 16px 0; } figure.plot svg { max-width: 100%; height: auto; display: block; }
        figcaption { font-size: 12px; color: #555; }
        """
}
