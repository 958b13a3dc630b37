#!/usr/bin/python3
"""Reference trajectories of torch.optim optimizers on catalog functions (SPEC sections 2, 4).

Run rule (SPEC section 2 and section 6): point 0 is the start; for k = 1..steps one
optimizer step (zero_grad, loss = f(p), loss.backward(), opt.step()) gives point k.
The run stops at the first k (k = 0 included) whose point has a non-finite
coordinate or whose loss f(point_k) is not finite: stopped_at = k and
points/loss hold steps 0..k-1. Otherwise stopped_at is null and points/loss
have steps+1 entries. loss[k] = f(points[k]).

Setting names are ours (SPEC section 4); `settings` lists every setting in force.
The function definitions are imported from gen_catalog.py.

Run from the repository root:
    /usr/bin/python3 optim/testdata/gen_optimizers.py
It writes optim/testdata/optimizers.json next to this file.
"""
import json
import os
import re
import sys

sys.dont_write_bytecode = True  # keep testdata/ free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402

from gen_catalog import make_function  # noqa: E402

torch.set_default_dtype(torch.float64)

DEFAULTS = {
    "gd": {"weight_decay": 0.0, "maximize": False},
    "momentum": {"momentum": 0.9, "dampening": 0.0, "weight_decay": 0.0, "maximize": False},
    "nesterov": {"momentum": 0.9, "weight_decay": 0.0, "maximize": False},
    "adagrad": {"lr": 0.01, "eps": 1e-10, "lr_decay": 0.0, "initial_accumulator_value": 0.0,
                "weight_decay": 0.0, "maximize": False},
    "rmsprop": {"lr": 0.01, "rho": 0.99, "eps": 1e-8, "momentum": 0.0, "centered": False,
                "weight_decay": 0.0, "maximize": False},
    "adam": {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "amsgrad": False,
             "weight_decay": 0.0, "maximize": False},
    "adamw": {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "amsgrad": False,
              "weight_decay": 0.01, "maximize": False},
    "adadelta": {"lr": 1.0, "rho": 0.9, "eps": 1e-6, "weight_decay": 0.0, "maximize": False},
    "adamax": {"lr": 0.002, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.0, "maximize": False},
    "nadam": {"lr": 0.002, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "momentum_decay": 0.004,
              "weight_decay": 0.0},
    "ema-momentum": {"beta": 0.9},
    "radam": {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.0},
    "rprop": {"lr": 0.01, "eta_minus": 0.5, "eta_plus": 1.2, "step_min": 1e-6, "step_max": 50.0},
    "asgd": {"lr": 0.01, "lambd": 1e-4, "alpha": 0.75, "t0": 1e6, "weight_decay": 0.0},
    "lbfgs": {"lr": 1.0, "max_iter": 20, "max_eval": 0, "history_size": 100, "tolerance_grad": 1e-7,
              "tolerance_change": 1e-9, "line_search": False},
}


class EMAMomentum:
    """v <- beta*v + (1-beta)*g ; p <- p - lr*v ; v starts at 0. Not in torch.optim."""

    def __init__(self, params, lr, beta):
        self.params = list(params)
        self.lr, self.beta = lr, beta
        self.v = [torch.zeros_like(p) for p in self.params]

    def zero_grad(self):
        for p in self.params:
            p.grad = None

    @torch.no_grad()
    def step(self):
        for p, v in zip(self.params, self.v):
            v.mul_(self.beta).add_(p.grad, alpha=1 - self.beta)
            p.sub_(self.lr * v)


def make_optimizer(name, s, params):
    o = torch.optim
    wd, mx = s.get("weight_decay", 0.0), s.get("maximize", False)
    if name == "gd":
        return o.SGD(params, lr=s["lr"], weight_decay=wd, maximize=mx)
    if name == "momentum":
        return o.SGD(params, lr=s["lr"], momentum=s["momentum"], dampening=s["dampening"],
                     weight_decay=wd, maximize=mx)
    if name == "nesterov":
        return o.SGD(params, lr=s["lr"], momentum=s["momentum"], nesterov=True, weight_decay=wd, maximize=mx)
    if name == "adagrad":
        return o.Adagrad(params, lr=s["lr"], eps=s["eps"], lr_decay=s["lr_decay"],
                         initial_accumulator_value=s["initial_accumulator_value"], weight_decay=wd, maximize=mx)
    if name == "rmsprop":
        return o.RMSprop(params, lr=s["lr"], alpha=s["rho"], eps=s["eps"], momentum=s["momentum"],
                         centered=s["centered"], weight_decay=wd, maximize=mx)
    if name == "adam":
        return o.Adam(params, lr=s["lr"], betas=(s["beta1"], s["beta2"]), eps=s["eps"],
                      amsgrad=s["amsgrad"], weight_decay=wd, maximize=mx)
    if name == "adamw":
        return o.AdamW(params, lr=s["lr"], betas=(s["beta1"], s["beta2"]), eps=s["eps"],
                       amsgrad=s["amsgrad"], weight_decay=s["weight_decay"], maximize=mx)
    if name == "adadelta":
        return o.Adadelta(params, lr=s["lr"], rho=s["rho"], eps=s["eps"], weight_decay=wd, maximize=mx)
    if name == "adamax":
        return o.Adamax(params, lr=s["lr"], betas=(s["beta1"], s["beta2"]), eps=s["eps"], weight_decay=wd,
                        maximize=mx)
    if name == "nadam":
        # foreach=True: torch 1.13's default (single-tensor) NAdam counts one momentum
        # factor twice; the foreach path follows the documented rule (as torch 2.x).
        return o.NAdam(params, lr=s["lr"], betas=(s["beta1"], s["beta2"]), eps=s["eps"],
                       momentum_decay=s["momentum_decay"], weight_decay=s["weight_decay"], foreach=True)
    if name == "ema-momentum":
        return EMAMomentum(params, lr=s["lr"], beta=s["beta"])
    if name == "radam":
        return o.RAdam(params, lr=s["lr"], betas=(s["beta1"], s["beta2"]), eps=s["eps"],
                       weight_decay=s["weight_decay"])
    if name == "rprop":
        return o.Rprop(params, lr=s["lr"], etas=(s["eta_minus"], s["eta_plus"]),
                       step_sizes=(s["step_min"], s["step_max"]))
    if name == "lbfgs":
        return o.LBFGS(params, lr=s["lr"], max_iter=int(s["max_iter"]),
                       max_eval=int(s["max_eval"]) or None, history_size=int(s["history_size"]),
                       tolerance_grad=s["tolerance_grad"], tolerance_change=s["tolerance_change"],
                       line_search_fn="strong_wolfe" if s["line_search"] else None)
    if name == "asgd":
        return o.ASGD(params, lr=s["lr"], lambd=s["lambd"], alpha=s["alpha"], t0=s["t0"],
                      weight_decay=s["weight_decay"])
    raise KeyError(name)


def finite(t):
    return bool(torch.isfinite(t).all())


def run(function, params, optimizer, settings, start, steps):
    f, dim, full = make_function(function, params)
    assert len(start) == dim
    s = dict(DEFAULTS[optimizer])
    s.update(settings)
    p = torch.tensor([float(c) for c in start], requires_grad=True)
    opt = make_optimizer(optimizer, s, [p])
    points, loss, stopped_at = [], [], None
    for k in range(steps + 1):
        if k > 0:
            if optimizer == "lbfgs":
                def closure():
                    opt.zero_grad()
                    l = f(p)
                    l.backward()
                    return l
                opt.step(closure)
            else:
                opt.zero_grad()
                l = f(p)
                l.backward()
                opt.step()
        with torch.no_grad():
            pk = p.detach().clone()
            lk = f(pk)
        if not finite(pk) or not finite(lk):
            stopped_at = k
            break
        points.append(pk.tolist())
        loss.append(lk.item())
    return full, s, points, loss, stopped_at


R = "rosenbrock"
CASES = [
    # (function, params, optimizer, settings, start, steps)
    # gd
    (R, None, "gd", {"lr": 0.001}, [-1.5, 2.5], 150),
    ("himmelblau", None, "gd", {"lr": 0.01}, [-4, 4], 100),
    ("quadratic", None, "gd", {"lr": 0.1}, [1.5, -2], 60),
    ("wiggle", None, "gd", {"lr": 0.1}, [-2.5], 60),
    ("wiggle", None, "gd", {"lr": 0.1}, [0.5], 60),
    (R, {"a": 2, "b": 50}, "gd", {"lr": 0.001}, [0, 0], 100),
    # momentum
    (R, None, "momentum", {"lr": 0.001}, [-1.5, 2.5], 150),
    ("booth", None, "momentum", {"lr": 0.01}, [-5, 5], 100),
    ("six-hump-camel", None, "momentum", {"lr": 0.01, "dampening": 0.5}, [-1.5, 1], 100),
    ("himmelblau", None, "momentum", {"lr": 0.005, "momentum": 0.8, "dampening": 0.5}, [0, 0], 100),
    # nesterov
    (R, None, "nesterov", {"lr": 0.001}, [-1.5, 2.5], 150),
    ("beale", None, "nesterov", {"lr": 0.005}, [1, 1], 100),
    ("booth", None, "nesterov", {"lr": 0.01, "momentum": 0.5}, [-5, 5], 80),
    # adagrad
    (R, None, "adagrad", {"lr": 0.5}, [-1.5, 2.5], 150),
    ("himmelblau", None, "adagrad", {}, [-4, 4], 100),
    ("beale", None, "adagrad", {"lr": 0.1}, [1, 1], 100),
    # rmsprop
    (R, None, "rmsprop", {}, [-1.5, 2.5], 150),
    ("himmelblau", None, "rmsprop", {"lr": 0.05, "rho": 0.9}, [0, 0], 100),
    ("six-hump-camel", None, "rmsprop", {"lr": 0.01, "rho": 0.9, "eps": 1e-6}, [-1.5, 1], 100),
    # adam
    (R, None, "adam", {"lr": 0.01}, [-1.5, 2.5], 150),
    (R, None, "adam", {"lr": 0.05, "amsgrad": True}, [-1.5, 2.5], 150),
    ("beale", None, "adam", {"lr": 0.01}, [1, 1], 100),
    ("himmelblau", None, "adam", {"lr": 0.1, "beta1": 0.8, "beta2": 0.99}, [-4, 4], 100),
    ("wiggle", None, "adam", {"lr": 0.05}, [2.0], 80),
    # adamw
    (R, None, "adamw", {"lr": 0.01}, [-1.5, 2.5], 150),
    ("himmelblau", None, "adamw", {"lr": 0.05, "weight_decay": 0.1}, [-4, 4], 100),
    ("quadratic", None, "adamw", {"lr": 0.05, "weight_decay": 0.1, "amsgrad": True}, [1.5, -2], 80),
    # adadelta
    (R, None, "adadelta", {}, [-1.5, 2.5], 150),
    ("himmelblau", None, "adadelta", {"lr": 10.0}, [0, 0], 100),
    ("booth", None, "adadelta", {"lr": 5.0, "rho": 0.95, "eps": 1e-5}, [-5, 5], 100),
    # adamax
    (R, None, "adamax", {"lr": 0.02}, [-1.5, 2.5], 150),
    ("beale", None, "adamax", {"lr": 0.05}, [1, 1], 100),
    ("six-hump-camel", None, "adamax", {"lr": 0.05, "beta1": 0.8}, [-1.5, 1], 100),
    # nadam
    (R, None, "nadam", {"lr": 0.02}, [-1.5, 2.5], 150),
    ("himmelblau", None, "nadam", {"lr": 0.1}, [-4, 4], 100),
    ("booth", None, "nadam", {"lr": 0.1, "momentum_decay": 0.01}, [-5, 5], 100),
    # ema-momentum (by hand)
    (R, None, "ema-momentum", {"lr": 0.001}, [-0.5, 1.5], 100),
    ("himmelblau", None, "ema-momentum", {"lr": 0.01, "beta": 0.8}, [-4, 4], 100),
    # radam: rectification starts after about five steps
    (R, None, "radam", {"lr": 0.01}, [-1.5, 2.5], 150),
    ("himmelblau", None, "radam", {"lr": 0.1, "weight_decay": 0.01}, [-4, 4], 100),
    ("beale", None, "radam", {"lr": 0.05, "beta2": 0.99}, [1, 1], 100),
    # rprop
    (R, None, "rprop", {}, [-1.5, 2.5], 150),
    ("himmelblau", None, "rprop", {"lr": 0.1}, [0, 0], 100),
    ("booth", None, "rprop", {"eta_minus": 0.3, "eta_plus": 1.5, "step_max": 2.0}, [-5, 5], 100),
    # asgd: averaging starts at t0
    (R, None, "asgd", {"lr": 0.001}, [-1.5, 2.5], 150),
    ("himmelblau", None, "asgd", {"lr": 0.01, "lambd": 0.01, "alpha": 0.5}, [-4, 4], 100),
    ("quadratic", None, "asgd", {"lr": 0.1, "t0": 10, "weight_decay": 0.1}, [1.5, -2], 80),
    # torch's other settings: weight decay, maximize (on a function to climb), Adagrad's
    # lr_decay and initial accumulator, RMSprop's momentum and centering
    (R, None, "gd", {"lr": 0.001, "weight_decay": 0.1}, [-1.5, 2.5], 100),
    ("himmelblau", None, "momentum", {"lr": 0.005, "weight_decay": 0.05}, [-4, 4], 100),
    ("booth", None, "nesterov", {"lr": 0.01, "weight_decay": 0.2}, [-5, 5], 80),
    ("saddle", None, "gd", {"lr": 0.05, "maximize": True}, [0.5, 0.5], 40),
    ("six-hump-camel", None, "momentum", {"lr": 0.01, "maximize": True, "weight_decay": 0.5}, [0.5, 0.5], 60),
    ("monkey-saddle", None, "nesterov", {"lr": 0.01, "maximize": True}, [0.3, 0.2], 40),
    (R, None, "adagrad", {"lr": 0.5, "lr_decay": 0.01, "initial_accumulator_value": 0.1}, [-1.5, 2.5], 100),
    ("himmelblau", None, "adagrad", {"lr": 0.5, "weight_decay": 0.1}, [-4, 4], 100),
    ("beale", None, "adagrad", {"lr": 0.1, "initial_accumulator_value": 1.0, "maximize": True}, [1, 1], 30),
    (R, None, "rmsprop", {"lr": 0.001, "momentum": 0.9}, [-1.5, 2.5], 120),
    ("himmelblau", None, "rmsprop", {"lr": 0.01, "centered": True}, [0, 0], 100),
    ("booth", None, "rmsprop", {"lr": 0.01, "momentum": 0.5, "centered": True, "weight_decay": 0.1}, [-5, 5], 100),
    (R, None, "adam", {"lr": 0.01, "weight_decay": 0.1}, [-1.5, 2.5], 100),
    ("himmelblau", None, "adam", {"lr": 0.05, "amsgrad": True, "weight_decay": 0.05}, [-4, 4], 100),
    ("saddle", None, "adam", {"lr": 0.05, "maximize": True}, [0.5, 0.5], 50),
    ("quadratic", None, "adamw", {"lr": 0.05, "maximize": True}, [0.5, -0.5], 40),
    ("himmelblau", None, "adadelta", {"lr": 5.0, "weight_decay": 0.05}, [0, 0], 100),
    ("saddle", None, "adadelta", {"lr": 5.0, "maximize": True}, [0.5, 0.5], 50),
    ("booth", None, "adadelta", {"lr": 5.0, "weight_decay": 0.5, "maximize": True}, [-5, 5], 30),
    ("beale", None, "adamax", {"lr": 0.05, "weight_decay": 0.1}, [1, 1], 100),
    ("saddle", None, "adamax", {"lr": 0.05, "maximize": True}, [0.5, 0.5], 50),
    (R, None, "adamax", {"lr": 0.02, "weight_decay": 0.01, "maximize": True}, [0.5, 0.5], 30),
    ("himmelblau", None, "nadam", {"lr": 0.1, "weight_decay": 0.05}, [-4, 4], 100),
    (R, None, "nadam", {"lr": 0.02, "weight_decay": 0.01}, [-1.5, 2.5], 100),
    ("booth", None, "nadam", {"lr": 0.1, "weight_decay": 0.3}, [-5, 5], 100),
    # lbfgs: one step() is up to max_iter inner iterations
    # (long lbfgs runs on Rosenbrock part from torch in the tenth digit after about 80 inner
    # iterations: rounding, amplified; the runs below stay within 1e-10)
    (R, None, "lbfgs", {"lr": 0.1}, [-1.5, 2.5], 3),
    (R, None, "lbfgs", {"line_search": True}, [-1.5, 2.5], 10),
    ("himmelblau", None, "lbfgs", {"lr": 0.05, "max_iter": 5, "history_size": 3}, [0, 0], 15),
    ("himmelblau", None, "lbfgs", {"max_iter": 4, "line_search": True}, [-1, 4], 10),
    ("beale", None, "lbfgs", {"lr": 0.02, "max_iter": 1}, [1, 1], 30),
    ("six-hump-camel", None, "lbfgs", {"max_iter": 3, "max_eval": 4, "line_search": True}, [-1.5, 1], 10),
    # exact saddle starts: the gradient is exactly zero, so every optimizer stays put
    ("saddle", None, "gd", {"lr": 0.1}, [0, 0], 60),
    ("saddle", None, "adam", {"lr": 0.1}, [0, 0], 60),
    ("monkey-saddle", None, "momentum", {"lr": 0.05}, [0, 0], 60),
    ("monkey-saddle", None, "rmsprop", {}, [0, 0], 60),
    # a start just off the saddle: escape along -y^2
    ("saddle", None, "gd", {"lr": 0.1}, [1, 1e-6], 80),
    # diverging runs (stopped_at set)
    (R, None, "gd", {"lr": 0.01}, [-0.5, 1.5], 100),
    (R, None, "gd", {"lr": 0.05}, [-1.5, 2.5], 100),
    (R, None, "momentum", {"lr": 0.005}, [-1.5, 2.5], 100),
    ("himmelblau", None, "nesterov", {"lr": 0.05}, [-4, 4], 100),
    # the start's own loss overflows (1e200^2 = inf): stopped_at = 0, no points
    ("quadratic", None, "gd", {"lr": 0.1}, [1e200, 0], 10),
]


def dumps(obj):
    """json.dumps with indent=1, but every innermost array (of numbers) on one line.
    Floats are written by Python's repr: the shortest text that round-trips to the same float64."""
    text = json.dumps(obj, indent=1, allow_nan=False, ensure_ascii=False)
    return re.sub(r"\[\n[^\[\]{}\"]*?\]",
                  lambda m: "[" + ", ".join(s.strip() for s in m.group(0)[1:-1].split(",")) + "]",
                  text) + "\n"


def main():
    out_cases, counters = [], {}
    for function, params, optimizer, settings, start, steps in CASES:
        key = f"{optimizer}/{function}"
        idx = counters.get(key, 0)
        counters[key] = idx + 1
        full, s, points, loss, stopped_at = run(function, params, optimizer, settings, start, steps)
        out_cases.append({
            "name": f"{key}/{idx}",
            "function": function,
            "params": full,
            "optimizer": optimizer,
            "settings": s,
            "start": [float(c) for c in start],
            "steps": steps,
            "points": points,
            "loss": loss,
            "stopped_at": stopped_at,
        })
    out = {"torch": torch.__version__, "cases": out_cases}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "optimizers.json")
    with open(path, "w") as fh:
        fh.write(dumps(out))
    n_div = sum(c["stopped_at"] is not None for c in out_cases)
    print(f"wrote {path}: {len(out_cases)} cases, {n_div} diverged")
    if "-v" in sys.argv:
        for c in out_cases:
            n = len(c["points"])
            last = f'final={c["points"][-1]} loss={c["loss"][-1]:.6g}' if n else "no points"
            print(f'{c["name"]:32s} stopped_at={c["stopped_at"]!s:5s} n={n:3d} {last}')


if __name__ == "__main__":
    main()
