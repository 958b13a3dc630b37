"""matplotlib's plot_surface of the four golden surfaces (svgviz/testdata/surface-*.svg),
same domains, cameras and height scales, for comparing side by side.

/usr/bin/python3 docs/img/surfaces_mpl.py  writes docs/img/surfaces-matplotlib.png"""
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

def himmelblau(x, y): return (x*x + y - 11)**2 + (x + y*y - 7)**2
def rosenbrock(x, y): return (1 - x)**2 + 100*(y - x*x)**2
cases = [
    ("bowl", lambda x, y: x*x + y*y, (-2, 2, -2, 2), (-60, 30), False),
    ("saddle", lambda x, y: x*x - y*y, (-2, 2, -2, 2), (-50, 30), False),
    ("himmelblau", himmelblau, (-6, 6, -6, 6), (-60, 40), False),
    ("rosenbrock (log z)", rosenbrock, (-2, 2, -1, 3), (-70, 45), True),
]
fig = plt.figure(figsize=(12, 9))
for k, (name, f, d, (az, el), log) in enumerate(cases):
    x, y = np.meshgrid(np.linspace(d[0], d[1], 40), np.linspace(d[2], d[3], 40))
    z = f(x, y)
    if log:
        z = np.log1p((z - z.min()) / 0.05)
    ax = fig.add_subplot(2, 2, k + 1, projection="3d")
    ax.plot_surface(x, y, z, cmap="viridis", rstride=1, cstride=1, linewidth=0)
    ax.view_init(elev=el, azim=az)
    ax.set_title(name)
    ax.set_xlabel("x"); ax.set_ylabel("y")
fig.tight_layout()
fig.savefig("docs/img/surfaces-matplotlib.png", dpi=80)
