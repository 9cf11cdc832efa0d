#!/usr/bin/env python3
"""Issue 15's comparison: the conv2d example's 10 frames drawn with matplotlib.

The same content as `lesson run conv2d` writes, laid out as it is and at its text sizes: the
title, the 5x5 input with the 3x3 window of each output cell highlighted and each window
number's multiplier, the kernel, the 3x3 output filled up to that cell, the legend and the
step's sum, at the same 1280x720 pixels, as PNG. Prints the wall time and the PNG bytes a pixel; run it only
where matplotlib is installed (it exits quietly with status 0 otherwise):

    python3 Sources/LessonBench/conv2d_matplotlib.py [out-folder]

With --once, it draws the 10 frames once and prints nothing, for lesson-bench to time the
whole process (start-up and import included, as `lesson run conv2d` is timed):

    python3 Sources/LessonBench/conv2d_matplotlib.py --once out-folder
"""
import os, sys, tempfile, time

try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle
except ImportError:
    print("conv2d matplotlib: matplotlib is not installed; skipped")
    sys.exit(0)

INPUT = [[1, 0, 3, 0, 2], [0, 3, 4, 0, 2], [1, 0, 2, 0, 1], [8, 12, 0, 1, 0], [0, 6, 3, 2, 0]]
KERNEL = [[1, -1, 0], [0, 2, -2], [-1, 0, 2]]
OUTPUT = [[sum(INPUT[i + u][j + v] * KERNEL[u][v] for u in range(3) for v in range(3)) for j in range(3)] for i in range(3)]


# The frame is laid out in pixels (y down) with the sizes `lesson run conv2d` draws: 84 px
# cells with 34 px numbers, bold window numbers with their 18 px "×w" multipliers, a 30 px bold
# title, 26 px grid labels, 44 px operators, an 18 px legend and the 26 px sum in true minus
# signs, in the light theme's colours. At 100 dpi one point is 100/72 px.
PT = 72 / 100
INK, MUTED, LINE = "#1a1a1a", "#5c5c5c", "#9a9a9a"
ORANGE, BLUE = "#e69f00", "#0072b2"
WINDOW, KERNEL_FILL, DONE, CURRENT = "#f8e2b3", "#faedd1", "#dcf2ec", "#b8d8ea"
CELL = 84


def minus(value):
    return str(value).replace("-", "\u2212")


def text(ax, x, y, s, px, **kw):
    ax.text(x, y, s, fontsize=px * PT, ha=kw.pop("ha", "center"), va=kw.pop("va", "center"),
            color=kw.pop("color", INK), **kw)


def grid(ax, values, x0, y0, title, fill=None, notes=None, bold=None, shown=None):
    n = len(values)
    text(ax, x0 + n * CELL / 2, y0 - 30, title, 26, weight="bold")
    for r in range(n):
        for c in range(len(values[r])):
            x, y = x0 + c * CELL, y0 + r * CELL
            ax.add_patch(Rectangle((x, y), CELL, CELL, facecolor=fill(r, c) if fill else "white",
                                   edgecolor=LINE, linewidth=1))
            if shown is None or shown(r, c):
                note = notes(r, c) if notes else None
                heavy = bool(bold and bold(r, c))
                text(ax, x + CELL / 2, y + CELL / 2 - (7 if note else 0), minus(values[r][c]), 34,
                     weight="bold" if heavy else "normal")
                if note:
                    text(ax, x + CELL - 5, y + CELL - 13, note, 18, ha="right", color=MUTED, weight="bold")


def outline(ax, x, y, w, h, color):
    ax.add_patch(Rectangle((x, y), w, h, facecolor="none", edgecolor=color, linewidth=3 * PT))


def frame(step, path):
    fig = plt.figure(figsize=(12.8, 7.2), dpi=100)
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_xlim(0, 1280); ax.set_ylim(720, 0); ax.axis("off")
    window = None if step == 0 else divmod(step - 1, 3)
    title = "2D convolution \u00b7 " + ("overview" if step == 0 else f"step {step} of 9")
    text(ax, 640, 42, title, 30, weight="bold")
    inside = (lambda r, c: window[0] <= r < window[0] + 3 and window[1] <= c < window[1] + 3) if window else (lambda r, c: False)
    grid(ax, INPUT, 88, 135, "input", fill=lambda r, c: WINDOW if inside(r, c) else "white",
         notes=lambda r, c: "\u00d7" + minus(KERNEL[r - window[0]][c - window[1]]) if inside(r, c) else None, bold=inside)
    grid(ax, KERNEL, 598, 219, "kernel", fill=lambda r, c: KERNEL_FILL)
    filled = 9 if step == 0 else step
    grid(ax, OUTPUT, 940, 219, "output",
         fill=lambda r, c: CURRENT if r * 3 + c == filled - 1 and window else (DONE if r * 3 + c < filled else "white"),
         bold=lambda r, c: bool(window) and r * 3 + c == filled - 1, shown=lambda r, c: r * 3 + c < filled)
    text(ax, 553, 347, "\u2605", 44); text(ax, 895, 347, "=", 44)
    if window:
        i, j = window
        outline(ax, 88 + j * CELL, 135 + i * CELL, 3 * CELL, 3 * CELL, ORANGE)
        outline(ax, 598, 219, 3 * CELL, 3 * CELL, ORANGE)
        outline(ax, 940 + j * CELL, 219 + i * CELL, CELL, CELL, BLUE)
        for x, label, fill, edge in [(450, "window read", WINDOW, ORANGE), (614, "cell written", CURRENT, BLUE),
                                     (758, "done", DONE, LINE)]:
            ax.add_patch(Rectangle((x, 600), 14, 14, facecolor=fill, edgecolor=edge, linewidth=2 * PT))
            text(ax, x + 20, 607, label, 18, ha="left")
        terms = " + ".join(f"{INPUT[i + u][j + v]}\u00d7{minus(KERNEL[u][v]) if KERNEL[u][v] >= 0 else '(' + minus(KERNEL[u][v]) + ')'}"
                           for u in range(3) for v in range(3))
        text(ax, 640, 670, f"z[{i + 1},{j + 1}] = {terms} + 0 = {minus(OUTPUT[i][j])}", 26)
    fig.savefig(path)
    plt.close(fig)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--once":
        os.makedirs(sys.argv[2], exist_ok=True)
        for step in range(10):
            frame(step, os.path.join(sys.argv[2], f"step-{step}.png"))
        return
    out = sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="conv2d-matplotlib-")
    os.makedirs(out, exist_ok=True)
    times = []
    for _ in range(7):
        start = time.perf_counter()
        paths = [os.path.join(out, f"step-{step}.png") for step in range(10)]
        for step, path in enumerate(paths):
            frame(step, path)
        times.append(time.perf_counter() - start)
    size = sum(os.path.getsize(p) for p in paths)
    times.sort()
    print(f"conv2d matplotlib: 10 frames, median {times[3] * 1000:.0f} ms (best {times[0] * 1000:.0f} ms, 7 runs), "
          f"{size} bytes = {size / (10 * 1280 * 720):.4f} bytes a pixel")


if __name__ == "__main__":
    main()
