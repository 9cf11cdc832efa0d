#!/usr/bin/env python3
"""Issue 15's comparison: the conv2d example's 10 frames drawn with matplotlib.

The same content as `lesson run conv2d` writes: the 5x5 input with the 3x3 window of each
output cell highlighted, the kernel, and the 3x3 output filled up to that cell, at the
same 1280x720 pixels, as PNG. Prints the wall time and the PNG bytes a pixel; run it only
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


def grid(ax, values, x0, title, window=None, filled=None):
    n = len(values)
    ax.text(x0 + n / 2, n + 0.6, title, ha="center", fontsize=14)
    for r in range(n):
        for c in range(len(values[r])):
            lit = window and window[0] <= r < window[0] + 3 and window[1] <= c < window[1] + 3
            ax.add_patch(Rectangle((x0 + c, n - 1 - r), 1, 1, facecolor="#ffd27f" if lit else "white", edgecolor="black"))
            if filled is None or r * len(values[r]) + c < filled:
                ax.text(x0 + c + 0.5, n - 0.5 - r, str(values[r][c]), ha="center", va="center", fontsize=13)


def frame(step, path):
    fig = plt.figure(figsize=(12.8, 7.2), dpi=100)
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_xlim(-1, 17); ax.set_ylim(-2, 7); ax.set_aspect("equal"); ax.axis("off")
    window = None if step == 0 else divmod(step - 1, 3)
    grid(ax, INPUT, 0, "input", window=window)
    grid(ax, KERNEL, 7, "kernel")
    grid(ax, OUTPUT, 12, "output", filled=9 if step == 0 else step)
    if window:
        i, j = window
        terms = " + ".join(f"{INPUT[i + u][j + v]}×{KERNEL[u][v]}" for u in range(3) for v in range(3))
        ax.text(8, -1.2, f"z[{i + 1},{j + 1}] = {terms} = {OUTPUT[i][j]}", ha="center", fontsize=12)
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
