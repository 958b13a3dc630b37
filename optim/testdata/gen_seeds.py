#!/usr/bin/python3
"""Re-runs the deterministic experiments of the course's seed articles
(/work/shared/seeds/001_*.txt and 002_*.txt), in numpy, as the seeds compute them
(same update order, same float64 arithmetic, same recording of path/losses),
without plotting. The code here is written afresh; it is not the seeds' code.

Recording, as in the seeds: path[0] = start, losses[0] = f(start); after each
update the new point and f(new point) are appended. The seeds keep iterating
after an overflow (numpy gives inf/nan); here `stopped_at` is the first
iteration k whose point or loss is not finite (null if none), `final` and
`final_loss` are the last finite entry (point k-1), loss_nonfinite_at /
point_nonfinite_at / point_nan_at say where the seed's arrays first hold
inf-or-nan losses, inf-or-nan points and nan points, and `printed` is what the
seed prints for that run (including its nan/inf output).

Run from the repository root:
    /usr/bin/python3 optim/testdata/gen_seeds.py
It writes optim/testdata/seeds.json next to this file.
"""
import json
import os
import re

import numpy as np

SEED_001 = "/work/shared/seeds/001_66b2e12fac9aea09.txt"
SEED_002 = "/work/shared/seeds/002_02a951bf4bab95a7.txt"


# ---- functions and gradients (closed forms, as the seeds use them) ----
def rosen(p):
    x, y = p[0], p[1]
    return (1 - x) ** 2 + 100 * (y - x ** 2) ** 2


def rosen_grad(p):
    x, y = p[0], p[1]
    return np.array([-2 * (1 - x) - 400 * x * (y - x ** 2), 200 * (y - x ** 2)])


def himmel(p):
    x, y = p[0], p[1]
    return (x ** 2 + y - 11) ** 2 + (x + y ** 2 - 7) ** 2


def himmel_grad(p):
    x, y = p[0], p[1]
    return np.array([4 * x * (x ** 2 + y - 11) + 2 * (x + y ** 2 - 7),
                     2 * (x ** 2 + y - 11) + 4 * y * (x + y ** 2 - 7)])


def wiggle(x):
    return np.sin(5 * x) + 0.5 * x ** 2


def wiggle_grad(x):
    return 5 * np.cos(5 * x) + x


# ---- update rules (seed 001 "Advanced Optimizers" section) ----
def gd_update(lr):
    return lambda p, g: p - lr * g


def ema_momentum_update(lr, beta):
    st = {"v": None}

    def upd(p, g):
        if st["v"] is None:
            st["v"] = np.zeros_like(p)
        st["v"] = beta * st["v"] + (1 - beta) * g
        return p - lr * st["v"]
    return upd


def rmsprop_update(lr, beta, eps):
    st = {"s": None}

    def upd(p, g):
        if st["s"] is None:
            st["s"] = np.zeros_like(p)
        st["s"] = beta * st["s"] + (1 - beta) * g ** 2
        return p - lr * g / (np.sqrt(st["s"]) + eps)
    return upd


def adam_update(lr, b1, b2, eps):
    st = {"m": None, "v": None, "t": 0}

    def upd(p, g):
        if st["m"] is None:
            st["m"], st["v"] = np.zeros_like(p), np.zeros_like(p)
        st["t"] += 1
        st["m"] = b1 * st["m"] + (1 - b1) * g
        st["v"] = b2 * st["v"] + (1 - b2) * g ** 2
        mh = st["m"] / (1 - b1 ** st["t"])
        vh = st["v"] / (1 - b2 ** st["t"])
        return p - lr * mh / (np.sqrt(vh) + eps)
    return upd


def trajectory(f, grad, update, start, n):
    """path/losses exactly as the seeds record them (start included)."""
    p = np.array(start, dtype=np.float64) if np.ndim(start) else float(start)
    path, losses = [p.copy() if np.ndim(p) else p], [f(p)]
    for _ in range(n):
        p = update(p, grad(p))
        path.append(p.copy() if np.ndim(p) else p)
        losses.append(f(p))
    return path, losses


def first_nonfinite(path, losses):
    for k, (p, l) in enumerate(zip(path, losses)):
        if not (np.all(np.isfinite(p)) and np.isfinite(l)):
            return k
    return None


def first_index(flags):
    return next((k for k, bad in enumerate(flags) if bad), None)


def record(name, function, start, optimizer, settings, steps, path, losses, printed):
    k = first_nonfinite(path, losses)
    last = len(path) - 1 if k is None else k - 1
    fin = path[last]
    return {
        "name": name,
        "function": function,
        "start": [float(c) for c in np.atleast_1d(start)],
        "optimizer": optimizer,
        "settings": settings,
        "steps": steps,
        "final": [float(c) for c in np.atleast_1d(fin)],
        "final_loss": float(losses[last]),
        "stopped_at": k,
        # where the seed's own arrays first turn non-finite (the loss overflows first)
        "loss_nonfinite_at": first_index(not np.isfinite(l) for l in losses),
        "point_nonfinite_at": first_index(not np.all(np.isfinite(p)) for p in path),
        "point_nan_at": first_index(bool(np.any(np.isnan(p))) for p in path),
        "printed": printed,
    }


def f4(v):
    return f"{v:.4f}"


def gd_rosenbrock():
    """Seed 001, 'Gradient Descent on Rosenbrock Function'."""
    out = []
    start, n = [-0.5, 1.5], 100
    for lr in [0.0001, 0.001, 0.01]:
        path, losses = trajectory(rosen, rosen_grad, gd_update(lr), start, n)
        lines = [f"Learning Rate: {lr}", "-" * 60]
        for i in range(n):
            if (i + 1) % 20 == 0:
                p = path[i + 1]
                lines.append(f"Iteration {i + 1}: Point = [{p[0]:.4f}, {p[1]:.4f}], "
                             f"Loss = {losses[i + 1]:.6f}")
        lines.append(f"Final point: [{path[-1][0]:.6f}, {path[-1][1]:.6f}]")
        lines.append(f"Final loss: {losses[-1]:.6f}")
        out.append(record(f"001/gd-rosenbrock/lr={lr}", "rosenbrock", start, "gd", {"lr": lr},
                          n, path, losses, "\n".join(lines)))
    return out


def optimizer_comparison():
    """Seed 001, 'Comparing Advanced Optimizers' (Rosenbrock, lr 0.001, 100 iterations)."""
    start, n, lr = [-0.5, 1.5], 100, 0.001
    runs = [
        ("SGD", "gd", {"lr": lr}, gd_update(lr)),
        ("Momentum", "ema-momentum", {"lr": lr, "beta": 0.9}, ema_momentum_update(lr, 0.9)),
        ("RMSprop", "rmsprop", {"lr": lr, "rho": 0.9, "eps": 1e-8}, rmsprop_update(lr, 0.9, 1e-8)),
        ("Adam", "adam", {"lr": lr, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "amsgrad": False},
         adam_update(lr, 0.9, 0.999, 1e-8)),
    ]
    out = []
    for label, ours, settings, upd in runs:
        path, losses = trajectory(rosen, rosen_grad, upd, start, n)
        printed = (f"Running {label}...\n"
                   f"  Final point: [{path[-1][0]:.6f}, {path[-1][1]:.6f}]\n"
                   f"  Final loss: {losses[-1]:.6f}")
        out.append(record(f"001/compare/{label}", "rosenbrock", start, ours, settings, n,
                          path, losses, printed))
    return out


def wiggle_demo():
    """Seed 001, 'Demonstrating Local Minima Problem' (1-D sin 5x + x^2/2)."""
    out = []
    lr, n = 0.1, 50
    for s in [-2.5, -1.0, 0.5, 2.0]:
        path, losses = trajectory(wiggle, wiggle_grad, gd_update(lr), s, n)
        printed = (f"Starting point: {s:.2f} \u2192 Final point: {path[-1]:.4f}, "
                   f"Final value: {losses[-1]:.4f}")
        out.append(record(f"001/wiggle/start={s}", "wiggle", s, "gd", {"lr": lr}, n,
                          path, losses, printed))
    return out


def gd_himmelblau():
    """Seed 002, gradient descent on Himmelblau from (-4, 4), lr 0.01, 100 steps (no print)."""
    path, losses = trajectory(himmel, himmel_grad, gd_update(0.01), [-4.0, 4.0], 100)
    return [record("002/gd-himmelblau", "himmelblau", [-4.0, 4.0], "gd", {"lr": 0.01}, 100,
                   path, losses, "")]


def linear_regression():
    """Seed 001, 'Comparing Gradient Descent Variants': np.random.seed(42), then the data,
    then batch GD, SGD and mini-batch GD in that order (each draws its own initial theta
    from the same global numpy stream). Not reproducible without numpy's legacy
    MT19937 stream; recorded for completeness."""
    np.random.seed(42)
    n = 1000
    X = 2 * np.random.rand(n, 1)
    y = 4 + 3 * X + np.random.randn(n, 1)
    Xb = np.c_[np.ones((n, 1)), X]

    def mse(theta):
        return np.mean((Xb.dot(theta) - y) ** 2)

    def grad(Xs, ys, theta):
        return (2 / len(ys)) * Xs.T.dot(Xs.dot(theta) - ys)

    lr = 0.1
    data = {"n": n, "intercept": 4, "slope": 3, "noise": 1, "x": "2*rand", "rng": "numpy.random.seed(42)"}
    out = []

    theta = np.random.randn(2, 1)
    start = theta.ravel().copy()
    for _ in range(50):
        theta = theta - lr * grad(Xb, y, theta)
    out.append(("batch", start, theta, {"lr": lr}, 50,
                f"Running Batch Gradient Descent...\n  Final parameters: {theta.ravel()}\n"
                f"  Final loss: {mse(theta):.4f}"))

    theta = np.random.randn(2, 1)
    start = theta.ravel().copy()
    for _ in range(10):
        idx = np.random.permutation(n)
        Xs, ys = Xb[idx], y[idx]
        for i in range(n):
            xi, yi = Xs[i:i + 1], ys[i:i + 1]
            theta = theta - lr * 2 * xi.T.dot(xi.dot(theta) - yi)
    out.append(("sgd", start, theta, {"lr": lr, "batch": 1, "epochs": 10}, 10 * n,
                f"Running Stochastic Gradient Descent...\n  Final parameters: {theta.ravel()}\n"
                f"  Final loss: {mse(theta):.4f}"))

    theta = np.random.randn(2, 1)
    start = theta.ravel().copy()
    nb = 0
    for _ in range(10):
        idx = np.random.permutation(n)
        Xs, ys = Xb[idx], y[idx]
        for i in range(0, n, 32):
            theta = theta - lr * grad(Xs[i:i + 32], ys[i:i + 32], theta)
            nb += 1
    out.append(("minibatch", start, theta, {"lr": lr, "batch": 32, "epochs": 10}, nb,
                f"Running Mini-Batch Gradient Descent...\n  Final parameters: {theta.ravel()}\n"
                f"  Final loss: {mse(theta):.4f}"))

    recs = []
    for label, start, theta, settings, steps, printed in out:
        recs.append({
            "name": f"001/linear-regression/{label}",
            "function": "linear-regression",
            "data": data,
            "start": [float(c) for c in start],
            "optimizer": "gd",
            "settings": settings,
            "steps": steps,
            "final": [float(c) for c in theta.ravel()],
            "final_loss": float(mse(theta)),
            "stopped_at": None,
            "printed": printed,
        })
    return recs


def gradient_demo():
    """Seed 001, 'Understanding Gradients': f = x^2 + 2y^2 + 3 and its gradient at four points."""
    out = []
    for x, y in [(2, 1), (0, 0), (-1, 2), (1, -1)]:
        v = x ** 2 + 2 * y ** 2 + 3
        g = np.array([2 * x, 4 * y])
        out.append({"expr": "x^2 + 2*y^2 + 3", "point": [float(x), float(y)], "value": float(v),
                    "grad": [float(c) for c in g], "grad_norm": float(np.linalg.norm(g))})
    return out


def dumps(obj):
    """json.dumps with indent=1, but every innermost array (of numbers) on one line.
    Floats are written by Python's repr: the shortest text that round-trips to the same float64."""
    text = json.dumps(obj, indent=1, allow_nan=False, ensure_ascii=False)
    return re.sub(r"\[\n[^\[\]{}\"]*?\]",
                  lambda m: "[" + ", ".join(s.strip() for s in m.group(0)[1:-1].split(",")) + "]",
                  text) + "\n"


def main():
    for path in (SEED_001, SEED_002):
        if not os.path.exists(path):
            print(f"note: {path} not found; values are computed from this script alone")
    with np.errstate(over="ignore", invalid="ignore"):
        runs = gd_rosenbrock() + optimizer_comparison() + wiggle_demo() + gd_himmelblau()
        runs += linear_regression()
    out = {"numpy": np.__version__, "runs": runs, "evaluations": gradient_demo()}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "seeds.json")
    with open(path, "w") as fh:
        fh.write(dumps(out))
    print(f"wrote {path}: {len(runs)} runs, {len(out['evaluations'])} evaluations")
    for r in runs:
        print(f'{r["name"]:34s} stopped_at={r["stopped_at"]!s:5s} final={r["final"]} '
              f'f={r["final_loss"]!r}')


if __name__ == "__main__":
    main()
