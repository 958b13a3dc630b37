#!/bin/sh
# bench/run.sh times whole builds and prints the table of docs/performance.md,
# with each of issue #21's goals that the run measured, met or not.
#
# Usage: bench/run.sh [WORKDIR]      (from anywhere; RUNS=5 by default;
#        PARTS="sample c1000 plain seed onefig preview" by default, any subset)
#
# Each build runs under /usr/bin/time -v; the table gives the median wall
# time, the fastest and slowest run, and the median peak resident memory
# of RUNS runs:
#   sample   the sample course (content/), cold: no cache, no previous output
#   c1000    1,000 generated lessons with 2,000 figures (bench/gencourse),
#            cold (empty -cache folder, no previous output), then warm (the
#            same build again: nothing changed, the cache full)
#   plain    4,000 plain pages, Descent (no cache) and Hugo alternating, the
#            output folder removed before each build; Hugo's layout has what
#            Descent's theme puts on a page, the same navigation included
#            (gencourse -nav window)
#   onefig   a course of the seed figure alone, built by cmd/build -cache ""
#            (whole process: start, read, compute, render, write), against
#            bench/seedfig.py drawing and saving it, alternating, 15 pairs
#   preview  cmd/serve: a saved lesson to its new text in an open Chromium
#            tab, on one lesson and on 1,000 (the browser tests of cmd/serve,
#            which need chromium; their medians of 10 saves)
#   seed     the seed figure: bench/seedfig (Descent) against bench/seedfig.py
#            (matplotlib), in-process medians (compute, render, save; not
#            imports), and whole processes timed by Python's perf_counter
#
# A build's previous output is moved aside into WORKDIR/trash, not deleted,
# and the trash is deleted when the script ends. On this machine's ext4,
# which has no journal, making a file soon after many were deleted costs up
# to a millisecond of kernel time (the inode allocator skips, one by one,
# every inode freed in the last minute, five if its table is not yet
# written back): a round that deleted the round before's output paid for
# the deletion, not for the build, and by how much drifted over a session.
# A cold build is into a new folder on a disk that deleted nothing just
# before. WORKDIR on a tmpfs (bench/run.sh /dev/shm/bench) leaves the disk
# out altogether.
set -eu
RUNS=${RUNS:-5}
PARTS=${PARTS:-sample c1000 plain seed onefig preview}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
W=${1:-$(mktemp -d)}
mkdir -p "$W"
cd "$ROOT"
R="$W/results.txt"
: >"$R"
rm -f "$W/onefig.json" "$W"/seed-*.json "$W/preview.txt" # a part not run this time is not reported
want() { case " $PARTS " in *" $1 "*) return 0 ;; esac; return 1; }

# discard PATH...: move each into the trash (see above); it goes when the
# script ends.
T="$W/trash"
rm -rf "$T"
mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
discard() {
	for p in "$@"; do
		if [ -e "$p" ]; then mv "$p" "$(mktemp -d "$T/XXXXXX")/"; fi
	done
}

go build -o "$W/descent" ./cmd/build
go build -o "$W/seedfig" ./bench/seedfig
go build -o "$W/gencourse" ./bench/gencourse
if want c1000; then [ -d "$W/c1000" ] || "$W/gencourse" -n 1000 -out "$W/c1000"; fi
if want plain; then [ -d "$W/plain" ] || "$W/gencourse" -n 4000 -plain -out "$W/plain" -hugo "$W/plain-hugo"; fi

# measure LABEL COMMAND...: run it under /usr/bin/time -v, record the wall
# time in seconds and the peak RSS in MiB.
measure() {
	label=$1
	shift
	if ! /usr/bin/time -v "$@" >"$W/out.txt" 2>"$W/time.txt"; then
		cat "$W/out.txt" "$W/time.txt" >&2
		exit 1
	fi
	awk -v label="$label" '
		/Elapsed \(wall clock\)/ { n = split($NF, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i] }
		/Maximum resident set size/ { rss = $NF / 1024 }
		END { printf "%s %.3f %.0f\n", label, s, rss }' "$W/time.txt" >>"$R"
}

# The figure comparisons come first, before the course builds have made
# tens of thousands of files (the one-figure course makes 17 where
# matplotlib makes one).
if want onefig; then
	echo "one-figure course" >&2
	mkdir -p "$W/onefig/s"
	printf -- '---\ntitle: Home\n---\n' >"$W/onefig/_index.md"
	printf -- '---\ntitle: S\n---\n' >"$W/onefig/s/_index.md"
	cat >"$W/onefig/s/seed.md" <<'EOF'
---
title: The seed figure
---

```landscape
function: himmelblau
start: [-0.5, -1]
steps: 200
runs:
  - {optimizer: gd, lr: 0.01}
  - {optimizer: momentum, lr: 0.002, momentum: 0.9}
  - {optimizer: rmsprop, lr: 0.05}
  - {optimizer: adam, lr: 0.1}
contours: {levels: 50}
```
EOF
	/usr/bin/python3 - "$W" >"$W/onefig.json" <<'EOF'
import json, os, statistics, subprocess, sys, tempfile, time
w = sys.argv[1]
cmds = {"descent": [f"{w}/descent", "-cache", "", "-content", f"{w}/onefig", "-out", f"{w}/out-onefig"],
        "matplotlib": ["/usr/bin/python3", "bench/seedfig.py", "1", f"{w}/seed-mpl.svg"]}
ts = {name: [] for name in cmds}
for _ in range(15):
    for name, cmd in cmds.items():  # alternating
        if os.path.exists(f"{w}/out-onefig"):  # into the trash, as discard does
            os.rename(f"{w}/out-onefig", tempfile.mkdtemp(dir=f"{w}/trash") + "/out-onefig")
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        ts[name].append(time.perf_counter() - t0)
ratios = sorted(m / d for d, m in zip(ts["descent"], ts["matplotlib"]))
print(json.dumps({"descent": statistics.median(ts["descent"]) * 1000, "matplotlib": statistics.median(ts["matplotlib"]) * 1000,
                  "ratio_lo": ratios[len(ratios) // 4], "ratio_hi": ratios[3 * len(ratios) // 4]}))
EOF
fi

if want seed; then
	echo "seed figure" >&2
	# Rounds alternate between the two, so that both see the same moments
	# of this shared machine, whose speed drifts by a fifth within seconds.
	: >"$W/seed-descent.json"
	: >"$W/seed-mpl.json"
	for _ in $(seq 9); do
		"$W/seedfig" -reps 31 -out "$W/seed-descent.svg" >>"$W/seed-descent.json"
		/usr/bin/python3 bench/seedfig.py 3 "$W/seed-mpl.svg" >>"$W/seed-mpl.json"
	done
	for _ in $(seq "$RUNS"); do
		measure seed-process-descent "$W/seedfig" -reps 1 -out "$W/seed-descent.svg"
		measure seed-process-matplotlib /usr/bin/python3 bench/seedfig.py 1 "$W/seed-mpl.svg"
	done
/usr/bin/python3 - "$W" >"$W/seed-process.json" <<'EOF'
# Whole processes, timed more finely than /usr/bin/time's hundredths.
import json, statistics, subprocess, sys, time
w = sys.argv[1]
cmds = {"descent": [f"{w}/seedfig", "-reps", "1", "-out", f"{w}/seed-descent.svg"],
        "matplotlib": ["/usr/bin/python3", "bench/seedfig.py", "1", f"{w}/seed-mpl.svg"]}
ts = {name: [] for name in cmds}
for _ in range(11):
    for name, cmd in cmds.items():  # alternating
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        ts[name].append(time.perf_counter() - t0)
print(json.dumps({name: statistics.median(t) * 1000 for name, t in ts.items()}))
EOF
fi

if want sample; then
	echo "sample course" >&2
	for _ in $(seq "$RUNS"); do
		discard "$W/out-sample"
		measure sample "$W/descent" -cache "" -content content -layouts layouts -out "$W/out-sample"
	done
fi

if want plain; then
	echo "4,000 plain pages, Descent and Hugo" >&2
	for i in $(seq "$RUNS"); do
		# They come before the 1,000 lessons, whose warm rounds delete
		# their last output. Each side's output is moved aside just
		# before its own build, and
		# the side that goes first alternates. When both outputs were
		# deleted together, the build that came first paid for both
		# deletions (Hugo first: 6.1 s and Descent 2.7 s; Descent first:
		# 3.8 s and Hugo 4.5 s).
		order="descent hugo"
		[ $((i % 2)) = 0 ] && order="hugo descent"
		for side in $order; do
			if [ "$side" = descent ]; then
				discard "$W/out-plain"
				measure plain-descent "$W/descent" -cache "" -content "$W/plain" -out "$W/out-plain"
			else
				discard "$W/out-hugo"
				measure plain-hugo hugo --quiet -s "$W/plain-hugo" -d "$W/out-hugo"
			fi
		done
	done
fi

if want c1000; then
	echo "1,000 lessons, cold and warm" >&2
	# The cold rounds first: a warm build replaces the output and deletes
	# the old one, which the next cold round would pay for (see above).
	for _ in $(seq "$RUNS"); do
		discard "$W/out-c1000" "$W/cache"
		measure c1000-cold "$W/descent" -cache "$W/cache" -content "$W/c1000" -out "$W/out-c1000"
	done
	for _ in $(seq "$RUNS"); do
		measure c1000-warm "$W/descent" -cache "$W/cache" -content "$W/c1000" -out "$W/out-c1000"
	done
fi

if want preview; then
	echo "preview: edit to DOM" >&2
	go test -tags browser -count=1 -run 'TestBrowserReload(LargeCourse)?$' -v ./cmd/serve >"$W/preview.txt" 2>&1 ||
		{ cat "$W/preview.txt" >&2; exit 1; }
fi

# The table: medians by label, in the order first measured.
echo
echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%Y-%m-%d), $(go version | cut -d' ' -f3), $(hugo version | cut -d' ' -f2), RUNS=$RUNS"
echo
/usr/bin/python3 - "$W" <<'EOF'
import json, os, re, statistics, sys
w = sys.argv[1]


def go_ms(d):
    """go_ms reads a Go duration as the tests print it (86ms, 1.2s, 1m2.5s) in milliseconds."""
    unit = {"h": 3.6e6, "m": 6e4, "s": 1e3, "ms": 1, "µs": 1e-3, "us": 1e-3, "ns": 1e-6}
    return sum(float(n) * unit[u] for n, u in re.findall(r"([0-9.]+)(h|ms|m|µs|us|ns|s)", d))


runs = {}
for line in open(f"{w}/results.txt"):
    label, wall, rss = line.split()
    runs.setdefault(label, []).append((float(wall), float(rss)))
med = {label: (statistics.median(x[0] for x in v), statistics.median(x[1] for x in v)) for label, v in runs.items()}
print(f"{'build':<26} {'wall (s)':>10} {'min–max (s)':>13} {'RSS (MiB)':>10} {'runs':>5}")
for label, (wall, rss) in med.items():
    walls = [x[0] for x in runs[label]]
    print(f"{label:<26} {wall:>10.3f} {min(walls):>6.2f}–{max(walls):<6.2f} {rss:>10.0f} {len(runs[label]):>5}")
print()
if "plain-descent" in med:
    pairs = sorted(d[0] / h[0] for d, h in zip(runs["plain-descent"], runs["plain-hugo"]))
    print(f"plain pages, Descent/Hugo wall (medians): {med['plain-descent'][0] / med['plain-hugo'][0]:.2f} "
          f"(each round's ratio: {', '.join(f'{r:.2f}' for r in pairs)})")
o = json.load(open(f"{w}/onefig.json")) if os.path.exists(f"{w}/onefig.json") else None
if o:
    print(f"one-figure course, cmd/build whole process against matplotlib (medians of 15 alternating pairs): "
          f"{o['descent']:.1f} ms against {o['matplotlib']:.1f} ms: {o['matplotlib'] / o['descent']:.1f}x "
          f"(pairs' quartiles {o['ratio_lo']:.1f}x to {o['ratio_hi']:.1f}x)")
preview = {}  # the medians held to the limit, by course
if os.path.exists(f"{w}/preview.txt"):
    test = ""
    for line in open(f"{w}/preview.txt"):
        if line.startswith("=== RUN"):
            test = line.split()[-1]
        elif "write to DOM" in line:
            said = line[line.index("write to DOM"):].split("; all")[0]
            course = '1,000 lessons' if 'Large' in test else 'one lesson'
            print(f"preview, {course}: {said}")
            if "polling" not in said:
                preview[course] = go_ms(said.split("median ")[1].split(",")[0])

# Issue #21's goals, each where this run measured it.
goals = []
if o:
    r = o["matplotlib"] / o["descent"]
    goals.append(("one-figure course >= 50x matplotlib", f"{r:.1f}x", r >= 50))
if "plain-descent" in med:
    r = med["plain-descent"][0] / med["plain-hugo"][0]
    goals.append(("4,000 plain pages <= 0.5 of Hugo's time", f"{r:.2f}", r <= 0.5))
if "c1000-cold" in med:
    t, m = med["c1000-cold"]
    goals.append(("1,000 lessons cold < 2 s, < 512 MiB", f"{t:.2f} s, {m:.0f} MiB", t < 2 and m < 512))
if preview:
    goals.append(("preview < 100 ms", ", ".join(f"{c} {v:.0f} ms" for c, v in preview.items()), max(preview.values()) < 100))
if goals:
    print()
    for goal, got, met in goals:
        print(f"issue #21: {goal}: {got}: {'met' if met else 'NOT met'}")
if not os.path.exists(f"{w}/seed-descent.json"):
    sys.exit()
p = json.load(open(f"{w}/seed-process.json"))
print(f"seed figure, whole processes (start, imports, compute, render, save; medians of 11): "
      f"Descent {p['descent']:.1f} ms, matplotlib {p['matplotlib']:.1f} ms: {p['matplotlib'] / p['descent']:.1f}x")
rounds = {k: [json.loads(line) for line in open(f"{w}/seed-{k}.json")] for k in ("descent", "mpl")}
ratios = sorted(m["median_ms"] / d["median_ms"] for d, m in zip(rounds["descent"], rounds["mpl"]))
d, m = ({"median_ms": statistics.median(r["median_ms"] for r in rounds[k]), "bytes": rounds[k][-1]["bytes"],
         "finals": rounds[k][-1]["finals"]} for k in ("descent", "mpl"))
print(f"seed figure, in process, {len(ratios)} alternating rounds (Descent 31 repetitions, matplotlib 3): "
      f"ratio per round {ratios[0]:.1f}x to {ratios[-1]:.1f}x, median {statistics.median(ratios):.1f}x")
print(f"seed figure, in process: Descent {d['median_ms']:.1f} ms, matplotlib {m['median_ms']:.1f} ms: "
      f"{m['median_ms'] / d['median_ms']:.1f}x faster; SVG {d['bytes']:,} against {m['bytes']:,} bytes: "
      f"{d['bytes'] / m['bytes']:.3f} of the size")
same = all(abs(a - b) < 1e-9 for p, q in zip(d["finals"], m["finals"]) for a, b in zip(p, q))
print(f"seed figure, final points agree within 1e-9: {same}")
EOF
echo "raw numbers: $R"
