#!/usr/bin/python3
"""Reference values, gradients and Hessians for the SPEC section 3 function catalog.

Every function is written once, in torch, from its standard definition in the
optimization test-function literature (Virtual Library of Simulation
Experiments; Jamil & Yang 2013; Wikipedia "Test functions for optimization").
Derivatives come from torch.autograd, never from hand-written formulas.

Run from the repository root:
    /usr/bin/python3 optim/testdata/gen_catalog.py
It writes optim/testdata/catalog.json next to this file.

gen_optimizers.py imports FUNCTIONS and make_function from this module.
"""
import json
import math
import os
import re

import numpy as np
import torch

torch.set_default_dtype(torch.float64)

PI = math.pi


# Each definition takes a 1-D tensor p (length dim) and the parameter dict.
def quadratic(p, _):
    x, y = p[0], p[1]
    return x ** 2 + y ** 2


def saddle(p, _):
    x, y = p[0], p[1]
    return x ** 2 - y ** 2


def monkey_saddle(p, _):
    x, y = p[0], p[1]
    return x ** 3 - 3 * x * y ** 2


def rosenbrock(p, c):
    x, y = p[0], p[1]
    return (c["a"] - x) ** 2 + c["b"] * (y - x ** 2) ** 2


def himmelblau(p, _):
    x, y = p[0], p[1]
    return (x ** 2 + y - 11) ** 2 + (x + y ** 2 - 7) ** 2


def beale(p, _):
    x, y = p[0], p[1]
    return ((1.5 - x + x * y) ** 2 + (2.25 - x + x * y ** 2) ** 2
            + (2.625 - x + x * y ** 3) ** 2)


def booth(p, _):
    x, y = p[0], p[1]
    return (x + 2 * y - 7) ** 2 + (2 * x + y - 5) ** 2


def matyas(p, _):
    x, y = p[0], p[1]
    return 0.26 * (x ** 2 + y ** 2) - 0.48 * x * y


def goldstein_price(p, _):
    x, y = p[0], p[1]
    f1 = 1 + (x + y + 1) ** 2 * (19 - 14 * x + 3 * x ** 2 - 14 * y + 6 * x * y + 3 * y ** 2)
    f2 = 30 + (2 * x - 3 * y) ** 2 * (18 - 32 * x + 12 * x ** 2 + 48 * y - 36 * x * y + 27 * y ** 2)
    return f1 * f2


def rastrigin(p, c):
    A = c["A"]
    return A * p.shape[0] + torch.sum(p ** 2 - A * torch.cos(2 * PI * p))


def ackley(p, c):
    x, y = p[0], p[1]
    a, b, cc = c["a"], c["b"], c["c"]
    return (-a * torch.exp(-b * torch.sqrt(0.5 * (x ** 2 + y ** 2)))
            - torch.exp(0.5 * (torch.cos(cc * x) + torch.cos(cc * y))) + a + math.e)


def three_hump_camel(p, _):
    x, y = p[0], p[1]
    return 2 * x ** 2 - 1.05 * x ** 4 + x ** 6 / 6 + x * y + y ** 2


def six_hump_camel(p, _):
    x, y = p[0], p[1]
    return (4 - 2.1 * x ** 2 + x ** 4 / 3) * x ** 2 + x * y + (-4 + 4 * y ** 2) * y ** 2


def styblinski_tang(p, _):
    return 0.5 * torch.sum(p ** 4 - 16 * p ** 2 + 5 * p)


def levi(p, _):
    x, y = p[0], p[1]
    return (torch.sin(3 * PI * x) ** 2
            + (x - 1) ** 2 * (1 + torch.sin(3 * PI * y) ** 2)
            + (y - 1) ** 2 * (1 + torch.sin(2 * PI * y) ** 2))


def mccormick(p, _):
    x, y = p[0], p[1]
    return torch.sin(x + y) + (x - y) ** 2 - 1.5 * x + 2.5 * y + 1


def easom(p, _):
    x, y = p[0], p[1]
    return -torch.cos(x) * torch.cos(y) * torch.exp(-((x - PI) ** 2 + (y - PI) ** 2))


def plateau(p, _):
    x, y = p[0], p[1]
    return 0.01 * (x ** 2 + y ** 2) + torch.tanh(x) + torch.tanh(y)


def sine_bowl(p, _):
    x, y = p[0], p[1]
    return torch.sin(x) * torch.sin(y) + 0.1 * (x ** 2 + y ** 2)


def wiggle(p, _):
    x = p[0]
    return torch.sin(5 * x) + 0.5 * x ** 2


# name -> (definition, dim, default params, sampling domain, exact special points)
# The special points are exact critical points (or other notable points) whose
# coordinates are representable; they replace the last random sample(s).
FUNCTIONS = {
    "quadratic": (quadratic, 2, {}, [[-2, 2], [-2, 2]], [[0.0, 0.0]]),
    "saddle": (saddle, 2, {}, [[-2, 2], [-2, 2]], [[0.0, 0.0]]),
    "monkey-saddle": (monkey_saddle, 2, {}, [[-2, 2], [-2, 2]], [[0.0, 0.0]]),
    "rosenbrock": (rosenbrock, 2, {"a": 1, "b": 100}, [[-2, 2], [-1, 3]], [[1.0, 1.0]]),
    "himmelblau": (himmelblau, 2, {}, [[-5, 5], [-5, 5]], [[3.0, 2.0]]),
    "beale": (beale, 2, {}, [[-4.5, 4.5], [-4.5, 4.5]], [[3.0, 0.5]]),
    "booth": (booth, 2, {}, [[-10, 10], [-10, 10]], [[1.0, 3.0]]),
    "matyas": (matyas, 2, {}, [[-10, 10], [-10, 10]], [[0.0, 0.0]]),
    "goldstein-price": (goldstein_price, 2, {}, [[-2, 2], [-2, 2]], [[0.0, -1.0]]),
    "rastrigin": (rastrigin, 2, {"A": 10}, [[-5.12, 5.12], [-5.12, 5.12]], [[0.0, 0.0]]),
    # no special point: the global minimum (0,0) has no gradient
    "ackley": (ackley, 2, {"a": 20, "b": 0.2, "c": 2 * PI}, [[-5, 5], [-5, 5]], []),
    "three-hump-camel": (three_hump_camel, 2, {}, [[-5, 5], [-5, 5]], [[0.0, 0.0]]),
    "six-hump-camel": (six_hump_camel, 2, {}, [[-3, 3], [-2, 2]], [[0.0, 0.0]]),
    "styblinski-tang": (styblinski_tang, 2, {}, [[-5, 5], [-5, 5]], []),
    "levi": (levi, 2, {}, [[-10, 10], [-10, 10]], [[1.0, 1.0]]),
    "mccormick": (mccormick, 2, {}, [[-1.5, 4], [-3, 4]], []),
    "easom": (easom, 2, {}, [[PI - 3, PI + 3], [PI - 3, PI + 3]], [[PI, PI]]),
    "plateau": (plateau, 2, {}, [[-5, 5], [-5, 5]], []),
    "sine-bowl": (sine_bowl, 2, {}, [[-5, 5], [-5, 5]], [[0.0, 0.0]]),
    "wiggle": (wiggle, 1, {}, [[-3, 3]], []),
}

# Extra entries with non-default parameters (same name, different params).
EXTRA = [
    ("rosenbrock", {"a": 2, "b": 50}, [[2.0, 4.0]]),
    ("rastrigin", {"A": 5}, [[0.0, 0.0]]),
]

N_POINTS = 8
SEED = 20240601


def make_function(name, params=None):
    """Return (f, dim, params) where f maps a 1-D float64 tensor to a scalar tensor."""
    fn, dim, defaults, _, _ = FUNCTIONS[name]
    full = dict(defaults)
    if params:
        full.update(params)
    return (lambda p: fn(p, full)), dim, full


def sample_points(rng, domain, special):
    n_random = N_POINTS - len(special)
    cols = [np.round(rng.uniform(lo, hi, n_random), 4) for lo, hi in domain]
    pts = [[float(c[i]) for c in cols] for i in range(n_random)]
    return pts + [list(map(float, s)) for s in special]


def evaluate(f, pts):
    values, grads, hesses = [], [], []
    for pt in pts:
        t = torch.tensor(pt, requires_grad=True)
        v = f(t)
        (g,) = torch.autograd.grad(v, t)
        h = torch.autograd.functional.hessian(f, torch.tensor(pt))
        for arr in (v.detach(), g, h):
            assert torch.isfinite(arr).all(), (pt, arr)
        values.append(v.item())
        grads.append(g.tolist())
        hesses.append(h.tolist())
    return values, grads, hesses


def dumps(obj):
    """json.dumps with indent=1, but every innermost array (of numbers) on one line.
    Floats are written by Python's repr: the shortest text that round-trips to the same float64."""
    text = json.dumps(obj, indent=1, allow_nan=False, ensure_ascii=False)
    return re.sub(r"\[\n[^\[\]{}\"]*?\]",
                  lambda m: "[" + ", ".join(s.strip() for s in m.group(0)[1:-1].split(",")) + "]",
                  text) + "\n"


def main():
    rng = np.random.RandomState(SEED)
    entries = []
    jobs = [(name, None, FUNCTIONS[name][4]) for name in FUNCTIONS] + EXTRA
    for name, params, special in jobs:
        f, dim, full = make_function(name, params)
        domain = FUNCTIONS[name][3]
        pts = sample_points(rng, domain, special)
        if name == "ackley":
            assert all(abs(p[0]) + abs(p[1]) > 1e-3 for p in pts)
        values, grads, hesses = evaluate(f, pts)
        entries.append({
            "name": name,
            "params": full,
            "dim": dim,
            "sample_domain": domain,
            "points": pts,
            "value": values,
            "grad": grads,
            "hess": hesses,
        })
    out = {"torch": torch.__version__, "seed": SEED, "functions": entries}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "catalog.json")
    with open(path, "w") as fh:
        fh.write(dumps(out))
    print(f"wrote {path}: {len(entries)} function entries")


if __name__ == "__main__":
    main()
