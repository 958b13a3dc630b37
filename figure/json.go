package figure

import (
	"math"
)

// The JSON a figure carries in <script type="application/json"
// class="landscape-data">: SPEC §6, plus what the page script needs. The
// script in layouts/ reads exactly these fields.

type figureJSON struct {
	ID             string                `json:"id"`
	Title          string                `json:"title,omitempty"`
	Function       string                `json:"function"`
	Dim            int                   `json:"dim"` // 1 or 2
	Domain         map[string][2]float64 `json:"domain"`
	Runs           []runJSON             `json:"runs"`
	CriticalPoints []criticalJSON        `json:"critical_points"`
	Sweeps         []sweepJSON           `json:"sweeps"`
	Engine         *engineJSON           `json:"engine"`            // nil: the function cannot be recomputed in the browser
	Live           map[string][2]float64 `json:"live"`              // bounds of each live setting; nil: not live
	Curves         []curveJSON           `json:"curves,omitempty"`  // a 1-D figure's extra curves
	Variant        *variantJSON          `json:"variant,omitempty"` // one value of a parameter sweep
}

// variantJSON is the function parameter a variant figure fixes: one of
// the landscapes of params: {c: [0.2, 0.5]}.
type variantJSON struct {
	Param string  `json:"param"`
	Value float64 `json:"value"`
	Index int     `json:"index"` // position in the sweep's values
}

// curveJSON is an extra curve of a 1-D figure.
type curveJSON struct {
	Label    string `json:"label"`
	Function string `json:"function"`
}

// engineJSON is what the browser engine needs to recompute the function:
// optim's bytecode (Expr.Code) and the version of its opcode table. Numbers
// that are not finite are written as strings, which JSON can hold.
type engineJSON struct {
	Ops  string `json:"ops"`
	Code []any  `json:"code"`
}

type runJSON struct {
	Label     string         `json:"label"`
	Optimizer string         `json:"optimizer"`
	Params    map[string]any `json:"params"`
	Points    [][]float64    `json:"points"`    // steps+1 points, start first; 1-D points are [x]
	Loss      []float64      `json:"loss"`      // loss at each point
	GradNorm  []jsonFloat    `json:"grad_norm"` // gradient norm at each point; null where it overflowed
	Diverged  bool           `json:"diverged"`
	StoppedAt *int           `json:"stopped_at"`
	Color     string         `json:"color"`             // CSS colour, as drawn
	Sweep     *sweepRef      `json:"sweep"`             // nil unless the run is one value of a sweep
	Start     []float64      `json:"start"`             // where the run starts
	Steps     int            `json:"steps"`             // the steps asked for (more than taken if it diverged)
	Live      bool           `json:"live"`              // the browser engine can recompute this run
	LR        []float64      `json:"lr,omitempty"`      // with a schedule: the rate of the step from each point
	Grid      *gridJSON      `json:"grid,omitempty"`    // a grid search's probes
	Simplex   [][][]float64  `json:"simplex,omitempty"` // Nelder–Mead's simplex at each point, best vertex first
	// SharedStart: the run starts at the figure's one start, which a
	// reader moves for all such runs at once.
	SharedStart bool `json:"shared_start"`
}

// gridJSON is what a page needs to draw a grid search's probes at each
// step: Points per side, spaced evenly within ±Radius[k] of point k.
type gridJSON struct {
	Points int       `json:"points"`
	Radius []float64 `json:"radius"`
}

type criticalJSON struct {
	X     float64  `json:"x"`
	Y     *float64 `json:"y,omitempty"` // nil in 1-D; a 2-D point always has y, 0 included (SPEC §6)
	Value float64  `json:"value"`
	Kind  string   `json:"kind"`
}

// sweepJSON is one list-valued setting: Runs[k] is the index of the run for
// Values[k]. Only one of them shows at a time; the first at load.
type sweepJSON struct {
	Setting string    `json:"setting"`
	Values  []float64 `json:"values"`
	Runs    []int     `json:"runs"`
}

type sweepRef struct {
	Sweep int `json:"sweep"` // index into sweeps
	Index int `json:"index"` // index into that sweep's values
}

// jsonFloat is a number that may overflow: JSON has no Inf, so it is null.
type jsonFloat float64

func (f jsonFloat) MarshalJSON() ([]byte, error) { return f.append(nil), nil }

// append writes f as encoding/json writes a float64, or null.
func (f jsonFloat) append(b []byte) []byte {
	if v := float64(f); !math.IsNaN(v) && !math.IsInf(v, 0) {
		return appendFloat(b, v)
	}
	return append(b, "null"...)
}

func jsonFloats(vs []float64) []jsonFloat {
	out := make([]jsonFloat, len(vs))
	for i, v := range vs {
		out[i] = jsonFloat(v)
	}
	return out
}
