package figure

import (
	"encoding/json"
	"errors"
	"math"
	"strconv"

	"descent/jsonnum"
)

// appendFigureJSON appends json.Marshal(f) to b, byte for byte, faster: a
// figure's data is mostly its runs' numbers (four runs of 300 steps hold
// 4,800 of them), which encoding/json reaches through reflection and, for
// grad_norm, a MarshalJSON method whose output it then re-scans. Strings
// that need no escape are written as they are; everything else (the params
// maps, sweeps, a string that needs escaping) still goes through
// encoding/json. TestFigureJSON holds the two to the same bytes.
func appendFigureJSON(b []byte, f *figureJSON) ([]byte, error) {
	var err error
	field := func(name string, v any) {
		if err != nil {
			return
		}
		b = append(b, name...)
		var js []byte
		js, err = json.Marshal(v)
		b = append(b, js...)
	}
	b = append(b, '{')
	b = append(b, `"id":`...)
	b = appendString(b, f.ID)
	if f.Title != "" {
		b = append(b, `,"title":`...)
		b = appendString(b, f.Title)
	}
	b = append(b, `,"function":`...)
	b = appendString(b, f.Function)
	b = append(b, `,"dim":`...)
	b = strconv.AppendInt(b, int64(f.Dim), 10)
	field(`,"domain":`, f.Domain)
	b = append(b, `,"runs":`...)
	if f.Runs == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range f.Runs {
			if i > 0 {
				b = append(b, ',')
			}
			r := &f.Runs[i]
			b = append(b, `{"label":`...)
			b = appendString(b, r.Label)
			b = append(b, `,"optimizer":`...)
			b = appendString(b, r.Optimizer)
			field(`,"params":`, r.Params)
			b = append(b, `,"points":`...)
			b = appendPoints(b, r.Points)
			b = append(b, `,"loss":`...)
			b = appendFloats(b, r.Loss)
			if !allFinite(r.Loss) || !allFinite(r.Points...) {
				err = errors.New("figure: a run holds a number that is not finite")
			}
			b = append(b, `,"grad_norm":`...)
			b = appendJSONFloats(b, r.GradNorm)
			b = append(b, `,"diverged":`...)
			b = strconv.AppendBool(b, r.Diverged)
			b = append(b, `,"stopped_at":`...)
			if r.StoppedAt == nil {
				b = append(b, "null"...)
			} else {
				b = strconv.AppendInt(b, int64(*r.StoppedAt), 10)
			}
			b = append(b, `,"color":`...)
			b = appendString(b, r.Color)
			field(`,"sweep":`, r.Sweep)
			b = append(b, `,"start":`...)
			b = appendFloats(b, r.Start)
			if !allFinite(r.Start) {
				err = errors.New("figure: a run's start is not finite")
			}
			b = append(b, `,"steps":`...)
			b = strconv.AppendInt(b, int64(r.Steps), 10)
			b = append(b, `,"live":`...)
			b = strconv.AppendBool(b, r.Live)
			if len(r.LR) > 0 {
				b = append(b, `,"lr":`...)
				b = appendFloats(b, r.LR)
			}
			if r.Grid != nil {
				field(`,"grid":`, r.Grid)
			}
			if len(r.Simplex) > 0 {
				field(`,"simplex":`, r.Simplex)
			}
			b = append(b, `,"shared_start":`...)
			b = strconv.AppendBool(b, r.SharedStart)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = append(b, `,"critical_points":`...)
	b = appendList(b, f.CriticalPoints, appendCritical)
	for _, c := range f.CriticalPoints {
		if !allFinite([]float64{c.X, c.Value}) || c.Y != nil && !allFinite([]float64{*c.Y}) {
			err = errors.New("figure: a critical point holds a number that is not finite")
		}
	}
	field(`,"sweeps":`, f.Sweeps)
	field(`,"engine":`, f.Engine)
	field(`,"live":`, f.Live)
	if len(f.Curves) > 0 {
		field(`,"curves":`, f.Curves)
	}
	if f.Variant != nil {
		field(`,"variant":`, f.Variant)
	}
	if f.Surface != nil {
		field(`,"surface":`, f.Surface)
	}
	b = append(b, '}')
	return b, err
}

// appendCritical writes c as encoding/json does; its numbers must be
// finite. A figure has a handful, but json.Marshal spent more time on them
// than on the rest of the figure but its runs' numbers.
func appendCritical(b []byte, c criticalJSON) []byte {
	b = append(b, `{"x":`...)
	b = appendFloat(b, c.X)
	if c.Y != nil {
		b = append(b, `,"y":`...)
		b = appendFloat(b, *c.Y)
	}
	b = append(b, `,"value":`...)
	b = appendFloat(b, c.Value)
	b = append(b, `,"kind":`...)
	b = appendString(b, c.Kind)
	return append(b, '}')
}

// appendString writes s as encoding/json does: as it is between quotes
// when it is printable ASCII that needs no escape (a critical point's
// kind), else through json.Marshal.
func appendString(b []byte, s string) []byte {
	for i := range len(s) {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			js, _ := json.Marshal(s) // a string always marshals
			return append(b, js...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

func appendPoints(b []byte, pts [][]float64) []byte {
	return appendList(b, pts, appendFloats)
}

func allFinite(vss ...[]float64) bool {
	for _, vs := range vss {
		for _, v := range vs {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return false
			}
		}
	}
	return true
}

// appendFloats writes vs as encoding/json does; the numbers must be finite.
func appendFloats(b []byte, vs []float64) []byte {
	return appendList(b, vs, appendFloat)
}

// appendFloat formats v as encoding/json does (ES6 number to string).
func appendFloat(b []byte, v float64) []byte { return jsonnum.Append(b, v) }

// appendJSONFloats writes vs as their MarshalJSON methods do.
func appendJSONFloats(b []byte, vs []jsonFloat) []byte {
	return appendList(b, vs, func(b []byte, v jsonFloat) []byte { return v.append(b) })
}

// appendList writes vs as a JSON array, each element by add; a nil slice is
// null, as encoding/json writes it.
func appendList[T any](b []byte, vs []T, add func([]byte, T) []byte) []byte {
	if vs == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, v := range vs {
		if i > 0 {
			b = append(b, ',')
		}
		b = add(b, v)
	}
	return append(b, ']')
}
