#!/usr/bin/python3
"""Reference runs for learning-rate schedules and gradient clipping, from
torch 1.13: each schedule of torch.optim.lr_scheduler with scheduler.step()
after every optimizer.step(), and torch.nn.utils.clip_grad_norm_ before it.

Run from the repository root:
    /usr/bin/python3 optim/testdata/gen_schedules.py
It writes optim/testdata/schedules.json next to this file.
"""
import json
import os

import torch
from torch.optim import lr_scheduler as S

torch.set_default_dtype(torch.float64)


def rosenbrock(p):
    x, y = p[0], p[1]
    return (1 - x) ** 2 + 100 * (y - x ** 2) ** 2


def himmelblau(p):
    x, y = p[0], p[1]
    return (x ** 2 + y - 11) ** 2 + (x + y ** 2 - 7) ** 2


FUNCTIONS = {"rosenbrock": (rosenbrock, [-1.2, 1.0]), "himmelblau": (himmelblau, [0.5, -1.5])}

# (our optimizer name, our settings, torch constructor)
OPTIMIZERS = [
    ("momentum", {"lr": 0.001, "momentum": 0.9}, lambda ps, s: torch.optim.SGD(ps, lr=s["lr"], momentum=s["momentum"])),
    ("adam", {"lr": 0.05}, lambda ps, s: torch.optim.Adam(ps, lr=s["lr"])),
]

# (our schedule kind, our settings, torch constructor)
SCHEDULES = [
    ("step", {"step_size": 7, "gamma": 0.5}, lambda o: S.StepLR(o, step_size=7, gamma=0.5)),
    ("multistep", {"milestones": [5, 12, 12, 30], "gamma": 0.3}, lambda o: S.MultiStepLR(o, milestones=[5, 12, 12, 30], gamma=0.3)),
    ("exponential", {"gamma": 0.95}, lambda o: S.ExponentialLR(o, gamma=0.95)),
    ("cosine", {"t_max": 15, "eta_min": 1e-4}, lambda o: S.CosineAnnealingLR(o, T_max=15, eta_min=1e-4)),
    ("cosine", {"t_max": 40}, lambda o: S.CosineAnnealingLR(o, T_max=40)),
    ("linear", {}, lambda o: S.LinearLR(o)),
    ("linear", {"start_factor": 0.1, "end_factor": 0.8, "total_iters": 20}, lambda o: S.LinearLR(o, start_factor=0.1, end_factor=0.8, total_iters=20)),
    ("polynomial", {"total_iters": 25, "power": 2.0}, lambda o: S.PolynomialLR(o, total_iters=25, power=2.0)),
    ("polynomial", {}, lambda o: S.PolynomialLR(o)),
]

STEPS = 50


def run(fname, opt, schedule=None, clip=0.0):
    fn, start = FUNCTIONS[fname]
    name, settings, make = opt
    p = torch.tensor(start, requires_grad=True)
    o = make([p], settings)
    sched = schedule[2](o) if schedule else None
    points, lrs = [start[:]], [o.param_groups[0]["lr"]]
    for _ in range(STEPS):
        o.zero_grad()
        fn(p).backward()
        if clip:
            torch.nn.utils.clip_grad_norm_([p], clip)
        o.step()
        if sched:
            sched.step()
        points.append([float(v) for v in p.detach()])
        lrs.append(o.param_groups[0]["lr"])
    rec = {"function": fname, "start": start, "optimizer": name, "settings": settings, "steps": STEPS,
           "points": points, "lr": lrs}
    if schedule:
        rec["schedule"] = {schedule[0]: schedule[1]}
    if clip:
        rec["clip"] = clip
    return rec


def main():
    cases = []
    for fname in FUNCTIONS:
        for opt in OPTIMIZERS:
            for sch in SCHEDULES:
                cases.append(run(fname, opt, schedule=sch))
            for clip in (0.5, 5.0):
                cases.append(run(fname, opt, clip=clip))
    out = {"torch": torch.__version__, "cases": cases}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schedules.json")
    with open(path, "w") as f:
        json.dump(out, f)
        f.write("\n")


if __name__ == "__main__":
    main()
