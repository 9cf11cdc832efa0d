/// One self-contained HTML page that steps through a lesson variant's frames.
///
/// The frames are inline SVG, each kept in a `<template>` (inert, so the glyph ids of one
/// frame never clash with another's) and copied into the stage when shown. No outside file,
/// font or network is used. Keys: → and space step forward, ← back, Home and End jump; a
/// play button steps every two seconds and stops on the last frame; `#step-3` in the
/// address opens that frame. The frame's heading, worked sum and alt text are text on the
/// page (the alt text is the stage's `aria-label`); without JavaScript the first frame shows.
public enum StepperPage {
    /// The start of every page this writes: doctype, charset, viewport and the escaped title,
    /// up to the page's own `<style>`.
    static func head(title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escaped(title))</title>

        """
    }

    /// The page for `frames` (SVG bytes), titled `title`, coloured by `theme`.
    public static func html(title: String, frames: [RenderedFrame], theme: Theme) -> String {
        precondition(!frames.isEmpty, "a stepper page needs at least one frame")
        let first = frames[0]
        var page = StepperPage.head(title: title) + """
            <style>
            body { margin: 0; background: \(theme.background.hexString); color: \(theme.foreground.hexString); font-family: "DejaVu Sans", sans-serif; }
            main { max-width: 1280px; margin: 0 auto; padding: 12px; }
            h1 { font-size: 1.4em; margin: 0.2em 0 0.4em; }
            #stage { margin: 0; }
            #stage svg { display: block; width: 100%; height: auto; }
            #heading { font-weight: bold; font-size: 1.2em; margin: 0.5em 0 0.2em; }
            #sum { font-size: 1.2em; margin: 0.2em 0; white-space: pre-wrap; }
            #alt { color: \(theme.muted.hexString); margin: 0.2em 0 0.6em; }
            nav button { font-size: 1.1em; min-width: 3em; padding: 0.3em 0.6em; margin-right: 0.3em; }
            #counter { font-size: 1.1em; margin-left: 0.6em; }
            </style>
            </head>
            <body>
            <main>
            <h1>\(escaped(title))</h1>
            <nav aria-label="frames">
            <button type="button" id="first" title="First frame (Home)">First</button>
            <button type="button" id="prev" title="Previous frame (←)">←</button>
            <button type="button" id="play" title="Play from here">▶ Play</button>
            <button type="button" id="next" title="Next frame (→ or space)">→</button>
            <button type="button" id="last" title="Last frame (End)">Last</button>
            <span id="counter">1 / \(frames.count)</span>
            </nav>
            <figure id="stage" role="img" data-current="1" aria-label="\(escaped(first.description))">
            \(inlineSVG(first.bytes))</figure>
            <p id="heading">\(escaped(first.heading ?? ""))</p>
            <p id="sum">\(escaped(first.captionLines.joined(separator: "\n")))</p>
            <p id="alt">\(escaped(first.description))</p>
            </main>

            """
        for (index, frame) in frames.enumerated() {
            page += "<template id=\"frame-\(index + 1)\" data-name=\"\(escaped(frame.name))\""
                + " data-heading=\"\(escaped(frame.heading ?? ""))\""
                + " data-sum=\"\(escaped(frame.captionLines.joined(separator: "\n")))\""
                + " data-alt=\"\(escaped(frame.description))\">\n" + inlineSVG(frame.bytes) + "</template>\n"
        }
        page += script(count: frames.count)
        page += "</body>\n</html>\n"
        return page
    }

    /// The stepping script: shows frame `n` (1-based) by copying its template into the stage.
    private static func script(count: Int) -> String {
        """
        <script>
        (function () {
          var count = \(count), current = 1, timer = null;
          var stage = document.getElementById("stage");
          function show(n) {
            n = Math.max(1, Math.min(count, n));
            var frame = document.getElementById("frame-" + n);
            stage.replaceChildren(frame.content.cloneNode(true));
            stage.setAttribute("data-current", String(n));
            stage.setAttribute("aria-label", frame.dataset.alt);
            document.getElementById("heading").textContent = frame.dataset.heading;
            document.getElementById("sum").textContent = frame.dataset.sum;
            document.getElementById("alt").textContent = frame.dataset.alt;
            document.getElementById("counter").textContent = n + " / " + count;
            current = n;
            if (n === count) stop();
          }
          function stop() {
            if (timer !== null) { clearInterval(timer); timer = null; }
            document.getElementById("play").textContent = "▶ Play";
          }
          function play() {
            if (timer !== null) { stop(); return; }
            if (current === count) show(1);
            document.getElementById("play").textContent = "❚❚ Pause";
            timer = setInterval(function () { show(current + 1); }, 2000);
          }
          document.addEventListener("keydown", function (event) {
            if (event.altKey || event.ctrlKey || event.metaKey) return;
            switch (event.key) {
              case "ArrowRight": case " ": case "Spacebar": case "PageDown": show(current + 1); break;
              case "ArrowLeft": case "PageUp": show(current - 1); break;
              case "Home": show(1); break;
              case "End": show(count); break;
              default: return;
            }
            event.preventDefault();
          });
          document.getElementById("first").onclick = function () { stop(); show(1); };
          document.getElementById("prev").onclick = function () { stop(); show(current - 1); };
          document.getElementById("next").onclick = function () { stop(); show(current + 1); };
          document.getElementById("last").onclick = function () { stop(); show(count); };
          document.getElementById("play").onclick = play;
          var match = /^#step-(\\d+)$/.exec(location.hash);
          show(match ? parseInt(match[1], 10) : 1);
        })();
        </script>

        """
    }

    /// The SVG document without its XML declaration, ready to sit inside HTML.
    static func inlineSVG(_ bytes: [UInt8]) -> String {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("<?xml"), let end = text.range(of: "?>") {
            text = String(text[end.upperBound...].drop { $0 == "\n" || $0 == "\r" })
        }
        return text.hasSuffix("\n") ? text : text + "\n"
    }

    /// Text escaped for HTML content and double-quoted attributes, a literal part's marks
    /// removed (`Typography.plain`).
    static func escaped(_ text: String) -> String { XMLText.escaped(Typography.plain(text), newlines: true) }
}
