/// A Beamer `.tex` with one frame per figure: the PDF frame (`\includegraphics`, the file
/// beside the `.tex`) and below it the worked sum typeset as LaTeX math. Plain ASCII, so
/// pdfLaTeX compiles it as it is with only beamer and graphicx.
public enum BeamerDeck {
    /// The document for `frames`, whose PDF files are named `<name>.pdf` beside it.
    public static func tex(title: String, frames: [RenderedFrame]) -> String {
        var tex = """
            % Written by `lesson`: one frame per figure; compile with pdflatex next to the PDF frames.
            \\documentclass[aspectratio=169]{beamer}
            \\usepackage{amssymb}
            \\usepackage{graphicx}
            \\setbeamertemplate{navigation symbols}{}
            \\title{\(LaTeXText.math(title))}
            \\begin{document}

            """
        for frame in frames {
            let heading = frame.heading.map(LaTeXText.math) ?? ""
            tex += "\\begin{frame}[t]{\(heading)}\n"
            tex += "  \\centering\n"
            let height = frame.captionLines.isEmpty ? "0.82" : "0.66"
            tex += "  \\includegraphics[width=\\textwidth,height=\(height)\\textheight,keepaspectratio]{\(frame.name).pdf}\n"
            if !frame.captionLines.isEmpty {
                tex += "\n  \\small\n"
                tex += frame.captionLines.map { "  " + LaTeXText.math($0) }.joined(separator: "\\\\\n") + "\n"
            }
            tex += "\\end{frame}\n\n"
        }
        tex += "\\end{document}\n"
        return tex
    }
}
