"""Time matplotlib on the seed lesson's figure, for comparison with
bench/seedfig (Descent).

Himmelblau's function on [-5, 5]^2 sampled on a 400x400 grid, filled and
line contours at 50 levels, and four optimizers of 200 steps from one start
(torch.optim's update rules, computed in NumPy), with start and end marks,
a legend and a title, saved as SVG. Each repetition times the computation,
the drawing and the saving, not the imports.

Usage: /usr/bin/python3 bench/seedfig.py [REPS [OUT.svg]]

Prints one JSON line: the median time in milliseconds, the SVG's size in
bytes, and each run's final point.
"""
import json
import os
import sys
import time

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

START = (-0.5, -1.0)
STEPS = 200
RUNS = [("gd", dict(lr=0.01)), ("momentum", dict(lr=0.002, momentum=0.9)),
        ("rmsprop", dict(lr=0.05)), ("adam", dict(lr=0.1))]


def f(x, y):
    return (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2


def grad(p):
    x, y = p
    a, b = x * x + y - 11, x + y * y - 7
    return np.array([4 * x * a + 2 * b, 2 * a + 4 * y * b])


def run(name, s):
    """One run, as torch.optim steps it (SGD, RMSprop(alpha=0.99), Adam)."""
    x = np.array(START, dtype=float)
    path = [x.copy()]
    buf = sq = m = v = None
    for t in range(1, STEPS + 1):
        g = grad(x)
        if name == "gd":
            x = x - s["lr"] * g
        elif name == "momentum":
            buf = g.copy() if buf is None else s["momentum"] * buf + g
            x = x - s["lr"] * buf
        elif name == "rmsprop":
            sq = np.zeros(2) if sq is None else sq
            sq = 0.99 * sq + 0.01 * g * g
            x = x - s["lr"] * g / (np.sqrt(sq) + 1e-8)
        elif name == "adam":
            m = np.zeros(2) if m is None else m
            v = np.zeros(2) if v is None else v
            m = 0.9 * m + 0.1 * g
            v = 0.999 * v + 0.001 * g * g
            denom = np.sqrt(v) / np.sqrt(1 - 0.999 ** t) + 1e-8
            x = x - s["lr"] / (1 - 0.9 ** t) * m / denom
        path.append(x.copy())
    return np.array(path)


def figure(out):
    xs = np.linspace(-5, 5, 400)
    X, Y = np.meshgrid(xs, xs)
    Z = f(X, Y)
    paths = [run(name, s) for name, s in RUNS]
    fig, ax = plt.subplots(figsize=(6.4, 4.6), dpi=100)
    ax.contourf(X, Y, Z, levels=50, cmap="viridis")
    ax.contour(X, Y, Z, levels=50, colors="k", linewidths=0.5, alpha=0.25)
    for (name, _), p in zip(RUNS, paths):
        line, = ax.plot(p[:, 0], p[:, 1], lw=1.75, label=name)
        ax.plot(p[0, 0], p[0, 1], "o", mfc="white", mec=line.get_color())
        ax.plot(p[-1, 0], p[-1, 1], "o", ms=4, color=line.get_color())
    ax.set_aspect("equal")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title("Four optimizers on Himmelblau's function")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1))
    fig.savefig(out, bbox_inches="tight")
    plt.close(fig)
    return [p[-1].tolist() for p in paths]


def main():
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    out = sys.argv[2] if len(sys.argv) > 2 else "seedfig-matplotlib.svg"
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        finals = figure(out)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    print(json.dumps({"median_ms": times[len(times) // 2], "bytes": os.path.getsize(out),
                      "finals": finals, "reps": reps}))


main()
