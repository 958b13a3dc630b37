// Command seedfig times Descent on the seed lesson's figure, for comparison
// with bench/seedfig.py (matplotlib): Himmelblau's function on [-5, 5]²
// sampled on a 400×400 grid, 50 contour levels, and four optimizers of 200
// steps from one start, with Descent's critical points and legend.
//
// Usage:
//
//	go run ./bench/seedfig [-reps 20] [-out seedfig.svg] [-cpuprofile FILE]
//
// It computes and renders the figure -reps times (grid, runs, critical
// points, contours, SVG), writes the last SVG to -out, and prints one JSON
// line: the median time in milliseconds, the SVG's size in bytes, and each
// run's final point. It runs with cmd/build's garbage-collector setting.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"log"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"time"

	"descent/optim"
	"descent/svgviz"
)

// runs are the seed's four optimizers; bench/seedfig.py has the same.
var runs = []struct {
	name  string
	given map[string]float64
}{
	{"gd", map[string]float64{"lr": 0.01}},
	{"momentum", map[string]float64{"lr": 0.002, "momentum": 0.9}},
	{"rmsprop", map[string]float64{"lr": 0.05}},
	{"adam", map[string]float64{"lr": 0.1}},
}

var start = []float64{-0.5, -1}

const (
	steps  = 200
	grid   = 400
	levels = 50
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("seedfig: ")
	reps := flag.Int("reps", 20, "repetitions")
	out := flag.String("out", "seedfig.svg", "where to write the SVG")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the repetitions to this file")
	flag.Parse()
	// The garbage collector set as cmd/build sets it, so that this times
	// the figure as a build draws it; Go's default (100) adds about 12%.
	debug.SetGCPercent(400)
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			log.Fatal(err)
		}
		defer pprof.StopCPUProfile()
	}
	var times []float64
	var svg []byte
	var finals [][]float64
	for range *reps {
		t0 := time.Now()
		svg, finals = figure()
		times = append(times, float64(time.Since(t0).Microseconds())/1000)
	}
	if err := os.WriteFile(*out, svg, 0o644); err != nil {
		log.Fatal(err)
	}
	slices.Sort(times)
	json.NewEncoder(os.Stdout).Encode(map[string]any{
		"median_ms": times[len(times)/2], "bytes": len(svg), "finals": finals, "reps": *reps,
	})
}

// figure computes and draws the figure as a build does (lesson's
// computeFigure): the critical points are found while the runs are taken and
// the contours drawn.
func figure() ([]byte, [][]float64) {
	f, err := optim.Lookup("himmelblau", nil)
	if err != nil {
		log.Fatal(err)
	}
	d := f.Domain
	crit := make(chan []optim.CriticalPoint, 1)
	go func() { crit <- optim.CriticalPoints(f, d, optim.CriticalGrid, f.Minima) }()
	xs, ys := linspace(d.X, grid), linspace(d.Y, grid)
	l := svgviz.Landscape{
		ID: "seed", Title: "Four optimizers on Himmelblau's function",
		Grid: svgviz.Grid{Domain: svgviz.Domain{X0: d.X[0], X1: d.X[1], Y0: d.Y[0], Y1: d.Y[1]},
			NX: grid, NY: grid, Values: optim.EvalGrid(f, xs, ys)},
		Levels: svgviz.Levels{Count: levels, Scale: "linear"},
	}
	var finals [][]float64
	for i, r := range runs {
		m, err := optim.LookupMethod(r.name)
		if err != nil {
			log.Fatal(err)
		}
		settings, err := m.Resolve(r.given)
		if err != nil {
			log.Fatal(err)
		}
		tr := optim.Run(f, m.New(settings, f), start, steps, nil)
		l.Runs = append(l.Runs, svgviz.Run{Label: r.name, Color: i, Points: tr.Points, Loss: tr.Loss,
			Diverged: tr.Diverged(), StoppedAt: tr.StoppedAt})
		finals = append(finals, tr.Points[len(tr.Points)-1])
	}
	p := l.PlotRect() // the legend's width does not depend on the kinds of critical point here
	if l.Layer, err = svgviz.NewContourLayer(l.Grid, l.Levels, p.W, p.H); err != nil {
		log.Fatal(err)
	}
	for _, c := range <-crit {
		l.Critical = append(l.Critical, svgviz.Critical{X: c.X[0], Y: c.X[1], Value: c.Value, Kind: c.Kind})
	}
	var b bytes.Buffer
	if err := l.WriteSVG(&b); err != nil {
		log.Fatal(err)
	}
	return b.Bytes(), finals
}

func linspace(iv [2]float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = iv[0] + float64(i)*(iv[1]-iv[0])/float64(n-1)
	}
	out[n-1] = iv[1]
	return out
}
