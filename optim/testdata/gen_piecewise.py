#!/usr/bin/python3
"""Reference values and gradients of the functions added to expressions
(min, max, relu, sign, sigmoid, log1p, expm1) from torch.autograd, kinks and
ties included: at a kink our
derivative must be the one torch's autograd gives (relu'(0) = 0, sign' = 0,
min and max split the gradient evenly at a tie).

Run from the repository root:
    /usr/bin/python3 optim/testdata/gen_piecewise.py
It writes optim/testdata/piecewise.json next to this file.
"""
import json
import os

import torch

torch.set_default_dtype(torch.float64)
T = torch

# (expression in our syntax, torch lambda of scalar tensors x, y)
CASES = [
    ("relu(x) + relu(y - 1)", lambda x, y: T.relu(x) + T.relu(y - 1)),
    ("relu(x*y)", lambda x, y: T.relu(x * y)),
    ("sign(x)*y + sign(y - x)", lambda x, y: T.sign(x) * y + T.sign(y - x)),
    ("sigmoid(x) + sigmoid(2*y - x)", lambda x, y: T.sigmoid(x) + T.sigmoid(2 * y - x)),
    ("max(x, y)", lambda x, y: T.maximum(x, y)),
    ("min(x, y)", lambda x, y: T.minimum(x, y)),
    ("max(abs(x) - 1, 0)", lambda x, y: T.maximum(T.abs(x) - 1, T.zeros(()))),
    ("min(x^2, y) + max(x*y, 1)", lambda x, y: T.minimum(x ** 2, y) + T.maximum(x * y, T.ones(()))),
    ("max(x, x) + min(y, y)", lambda x, y: T.maximum(x, x) + T.minimum(y, y)),
    ("sigmoid(max(x, y)) * relu(1 - abs(y))", lambda x, y: T.sigmoid(T.maximum(x, y)) * T.relu(1 - T.abs(y))),
    ("log1p(x^2 + y^2)", lambda x, y: T.log1p(x ** 2 + y ** 2)),
    ("expm1(x) + expm1(-y)", lambda x, y: T.expm1(x) + T.expm1(-y)),
    ("log1p(1e-9*x) + expm1(1e-9*y)", lambda x, y: T.log1p(1e-9 * x) + T.expm1(1e-9 * y)),
    ("expm1(x*y) * log1p(abs(x))", lambda x, y: T.expm1(x * y) * T.log1p(T.abs(x))),
]

# Kinks and ties first, then ordinary points.
POINTS = [[0.0, 0.0], [0.0, 1.0], [1.0, 1.0], [-1.0, 0.5], [1.0, -1.0], [2.0, 0.5], [0.3, 0.3],
          [-0.7, 1.3], [1.5, -0.2], [-1.2, -0.8], [0.25, 2.0]]


def main():
    out = {"torch": torch.__version__, "cases": []}
    for src, fn in CASES:
        vals, grads = [], []
        for px, py in POINTS:
            x = T.tensor(px, requires_grad=True)
            y = T.tensor(py, requires_grad=True)
            v = fn(x, y)
            gx, gy = T.autograd.grad(v, (x, y), allow_unused=True)
            vals.append(float(v))
            grads.append([float(gx) if gx is not None else 0.0, float(gy) if gy is not None else 0.0])
        out["cases"].append({"expr": src, "points": POINTS, "value": vals, "grad": grads})
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "piecewise.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
