#!/usr/bin/python3
"""Reference values, gradients and Hessians for expressions in our syntax (SPEC section 5).

Each expression string is paired with a hand-written torch lambda that encodes
what SPEC section 5 says the string means:
  ^ and ** are power, right-associative, binding tighter than unary minus, with a
  unary right operand:  -x^2 = -(x^2),  2^3^2 = 2^9 = 512,  x^-2 = x^(-2),
  e^-x^2 = e^(-(x^2));  x/y/2 = (x/y)/2;  x-y-1 = (x-y)-1.
As an independent cross-check, every lambda is compared with Python's own
evaluation of the string with ^ replaced by ** (Python's ** has exactly these
precedence and associativity rules), in plain float arithmetic.

Derivatives come from torch.autograd. Points are drawn with a fixed seed from a
per-expression box, keeping only points where the expression is finite and
differentiable (away from |.| kinks, log/sqrt boundaries, poles).

Run from the repository root:
    /usr/bin/python3 optim/testdata/gen_expressions.py
It writes optim/testdata/expressions.json next to this file.
"""
import json
import math
import os
import re

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
T = torch
PI, E = math.pi, math.e
N_POINTS = 5
SEED = 5150

# Boxes for sampling.
STD = [[-2, 2], [-2, 2]]
POS = [[0.2, 3], [0.2, 3]]


def away(v, lo):
    return abs(v) > lo


# (expression in our syntax, torch lambda of scalar tensors x, y, box, predicate(x, y) or None)
CASES = [
    # --- precedence and associativity traps ---
    ("-x^2 + y", lambda x, y: -(x ** 2) + y, STD, None),
    ("-x^2", lambda x, y: -(x * x), STD, None),
    ("2^3^2*x", lambda x, y: 512.0 * x, STD, None),
    ("(2^3)^2*x", lambda x, y: 64.0 * x, STD, None),
    ("x/y/2", lambda x, y: (x / y) / 2, STD, lambda x, y: away(y, 0.3)),
    ("x/2*y", lambda x, y: (x / 2) * y, STD, None),
    ("1/x/y", lambda x, y: (1 / x) / y, STD, lambda x, y: away(x, 0.3) and away(y, 0.3)),
    ("x - y - 1", lambda x, y: (x - y) - 1, STD, None),
    ("x^-2", lambda x, y: 1 / (x * x), STD, lambda x, y: away(x, 0.3)),
    ("-x^-2", lambda x, y: -(1 / (x * x)), STD, lambda x, y: away(x, 0.3)),
    ("x**2**0.5", lambda x, y: x ** math.sqrt(2.0), POS, None),
    ("x^2^-1 + y", lambda x, y: T.sqrt(x) + y, POS, None),
    ("x*y^2^2", lambda x, y: x * y ** 4, STD, None),
    ("-2^2 + x", lambda x, y: -4.0 + x, STD, None),
    ("(-2)^2*x", lambda x, y: 4.0 * x, STD, None),
    ("e^-x^2", lambda x, y: T.exp(-(x * x)), STD, None),
    ("2^-x + 3^-y", lambda x, y: 2.0 ** (-x) + 3.0 ** (-y), STD, None),
    ("x^y", lambda x, y: x ** y, POS, None),
    ("-x^y", lambda x, y: -(x ** y), POS, None),
    ("-x^2*y", lambda x, y: -(x * x) * y, STD, None),
    ("x - -y", lambda x, y: x + y, STD, None),
    ("x*-y + 3", lambda x, y: x * (-y) + 3, STD, None),
    ("+x^2 - +y", lambda x, y: x * x - y, STD, None),
    ("((x))^2 + -(-y)", lambda x, y: x * x + y, STD, None),
    ("-sin(x)^2", lambda x, y: -(T.sin(x) ** 2), STD, None),
    ("cos(x)^2 + sin(y)^2", lambda x, y: T.cos(x) ** 2 + T.sin(y) ** 2, STD, None),
    ("(x-3)^3 + y", lambda x, y: (x - 3) * (x - 3) * (x - 3) + y, STD, None),
    # --- classic landscapes ---
    ("(1-x)^2 + 100*(y-x^2)^2", lambda x, y: (1 - x) ** 2 + 100 * (y - x ** 2) ** 2, STD, None),
    ("(x^2 + y - 11)^2 + (x + y^2 - 7)^2", lambda x, y: (x ** 2 + y - 11) ** 2 + (x + y ** 2 - 7) ** 2,
     [[-5, 5], [-5, 5]], None),
    ("x^3 - 3*x*y^2", lambda x, y: x ** 3 - 3 * x * y ** 2, STD, None),
    ("x^2*y^3/(1 + x^2)", lambda x, y: x ** 2 * y ** 3 / (1 + x ** 2), STD, None),
    ("exp(-(x^2 + y^2)/2)", lambda x, y: T.exp(-(x ** 2 + y ** 2) / 2), STD, None),
    # --- x only ---
    ("sin(5*x) + x^2/2", lambda x, y: T.sin(5 * x) + x ** 2 / 2, [[-3, 3], [-1, 1]], None),
    ("1 - x + x^2/2 - x^3/6", lambda x, y: 1 - x + x ** 2 / 2 - x ** 3 / 6, STD, None),
    ("x^4 - 2*x^2", lambda x, y: x ** 4 - 2 * x ** 2, STD, None),
    # --- functions, nested ---
    ("sin(x)*cos(y)", lambda x, y: T.sin(x) * T.cos(y), STD, None),
    ("sin(cos(x*y))", lambda x, y: T.sin(T.cos(x * y)), STD, None),
    ("exp(sin(x) + cos(y))", lambda x, y: T.exp(T.sin(x) + T.cos(y)), STD, None),
    ("log(1 + x^2 + y^2)", lambda x, y: T.log(1 + x ** 2 + y ** 2), STD, None),
    ("log(x*y)", lambda x, y: T.log(x * y), POS, None),
    ("exp(log(x))*y", lambda x, y: T.exp(T.log(x)) * y, POS, None),
    ("sqrt(x^2 + y^2 + 1)", lambda x, y: T.sqrt(x ** 2 + y ** 2 + 1), STD, None),
    ("sqrt(abs(x*y))", lambda x, y: T.sqrt(T.abs(x * y)), STD, lambda x, y: away(x * y, 0.2)),
    ("abs(x - y) + abs(x)", lambda x, y: T.abs(x - y) + T.abs(x), STD,
     lambda x, y: away(x - y, 0.2) and away(x, 0.2)),
    ("abs(sin(x))*y", lambda x, y: T.abs(T.sin(x)) * y, STD, lambda x, y: away(math.sin(x), 0.2)),
    ("tan(x/2) + y", lambda x, y: T.tan(x / 2) + y, STD, None),
    ("tanh(x)*sinh(y) + cosh(x - y)", lambda x, y: T.tanh(x) * T.sinh(y) + T.cosh(x - y), STD, None),
    ("cosh(x)^2 - sinh(x)^2 + y", lambda x, y: T.cosh(x) ** 2 - T.sinh(x) ** 2 + y, STD, None),
    ("atan(y/x)", lambda x, y: T.atan(y / x), STD, lambda x, y: away(x, 0.3)),
    ("atan(x) + atan(y)^2", lambda x, y: T.atan(x) + T.atan(y) ** 2, STD, None),
    ("tan(atan(x))*y", lambda x, y: T.tan(T.atan(x)) * y, STD, None),
    # --- constants, number literals, constant-only subexpressions ---
    ("2*pi*x + e*y", lambda x, y: 2 * PI * x + E * y, STD, None),
    ("e*x + x*e^y", lambda x, y: E * x + x * T.exp(y), STD, None),
    ("sin(pi/6)*x^2 + log(e^2)*y", lambda x, y: math.sin(PI / 6) * x ** 2 + 2.0 * y, STD, None),
    ("sqrt(2)*x + (1+2)*(3-4)^2*y", lambda x, y: math.sqrt(2.0) * x + 3.0 * y, STD, None),
    (".5*x^2 + 1e-3*y^4", lambda x, y: 0.5 * x ** 2 + 0.001 * y ** 4, STD, None),
    ("2.5e1*x - 1e2*y + 0.25", lambda x, y: 25.0 * x - 100.0 * y + 0.25, STD, None),
    ("cos(pi)*x^2 + exp(0)*y", lambda x, y: -1.0 * x ** 2 + 1.0 * y, STD, None),
]

PY_NS = {name: getattr(math, name) for name in
         ("sin", "cos", "tan", "exp", "log", "sqrt", "tanh", "sinh", "cosh", "atan")}
PY_NS.update({"abs": abs, "pi": math.pi, "e": math.e})


def python_eval(expr, x, y):
    return float(eval(expr.replace("^", "**"), {"__builtins__": {}}, dict(PY_NS, x=x, y=y)))


def dumps(obj):
    """json.dumps with indent=1, but every innermost array (of numbers) on one line.
    Floats are written by Python's repr: the shortest text that round-trips to the same float64."""
    text = json.dumps(obj, indent=1, allow_nan=False, ensure_ascii=False)
    return re.sub(r"\[\n[^\[\]{}\"]*?\]",
                  lambda m: "[" + ", ".join(s.strip() for s in m.group(0)[1:-1].split(",")) + "]",
                  text) + "\n"


def main():
    rng = np.random.RandomState(SEED)
    out_cases = []
    for expr, lam, box, ok in CASES:
        f = lambda p, lam=lam: lam(p[0], p[1])
        pts, values, grads, hesses = [], [], [], []
        tries = 0
        while len(pts) < N_POINTS:
            tries += 1
            assert tries < 1000, expr
            x, y = (float(np.round(rng.uniform(lo, hi), 4)) for lo, hi in box)
            if ok is not None and not ok(x, y):
                continue
            t = torch.tensor([x, y], requires_grad=True)
            v = f(t)
            (g,) = torch.autograd.grad(v, t)
            h = torch.autograd.functional.hessian(f, torch.tensor([x, y]))
            if not (math.isfinite(v.item()) and torch.isfinite(g).all() and torch.isfinite(h).all()):
                continue
            ref = python_eval(expr, x, y)
            assert abs(ref - v.item()) <= 1e-12 * max(1.0, abs(ref)), (expr, x, y, ref, v.item())
            pts.append([x, y])
            values.append(v.item())
            grads.append(g.tolist())
            hesses.append(h.tolist())
        out_cases.append({"expr": expr, "points": pts, "value": values, "grad": grads, "hess": hesses})
    out = {"torch": torch.__version__, "seed": SEED, "cases": out_cases}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "expressions.json")
    with open(path, "w") as fh:
        fh.write(dumps(out))
    print(f"wrote {path}: {len(out_cases)} expressions")


if __name__ == "__main__":
    main()
