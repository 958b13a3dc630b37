package svgviz

import (
	"math"
	"slices"
)

// Levels chooses contour levels.
//
// Scale is "auto", "linear" or "log"; "" means "auto". Auto picks log spacing
// when the finite values span decades, as Rosenbrock, Beale and
// Goldstein–Price do on their usual domains, and linear spacing otherwise.
// Count is the number of levels; 0 means 30, and more than MaxLevels means
// MaxLevels. Values, when non-empty, are used as given (sorted, without
// duplicates or non-finite entries, the lowest MaxLevels of them) and the
// other fields are ignored.
type Levels struct {
	Scale  string
	Count  int
	Values []float64
}

// MaxLevels bounds the number of levels ChooseLevels returns.
const MaxLevels = 10000

// DefaultLevelCount is the number of levels when Levels.Count is 0.
const DefaultLevelCount = 30

// ChooseLevels returns the ascending contour levels of g.
//
// Linear levels split [min, max] of the finite values into Count+1 equal
// bands. Log levels are spaced evenly in log(f - min), which handles minima
// at or below zero: the lowest sits roughly where 0.5% of the finite samples
// lie below it (so the floor of a valley still gets rings), the highest one
// step below max. Auto means log when more than 30% of the samples lie in the
// lowest thirtieth of the range, where linear levels would leave a third of
// the picture in one band. A grid without two distinct finite values has no
// levels. An unknown Scale counts as "auto".
func ChooseLevels(g Grid, l Levels) []float64 { return NewScale(g, l).Levels }

// Scale is how a landscape maps values to colours and heights: its contour
// levels, whether they are spaced logarithmically, and the range of the
// finite values they were chosen from. A surface uses it to colour its
// quads as the contour plot colours its bands, and to set its heights on
// the same scale (logarithmic where the contours are).
type Scale struct {
	Levels []float64
	Log    bool
	Lo, Hi float64 // the least and greatest finite values
}

// NewScale chooses g's levels as ChooseLevels does and records the scale
// they follow. Levels given as values are on a log scale only when
// l.Scale is "log".
func NewScale(g Grid, l Levels) Scale {
	var s Scale
	if g.ok() {
		s.Lo, s.Hi, _ = g.finiteRange()
	}
	if len(l.Values) > 0 {
		vs := make([]float64, 0, len(l.Values))
		for _, v := range l.Values {
			if isFinite(v) {
				vs = append(vs, v)
			}
		}
		slices.Sort(vs)
		vs = slices.Compact(vs)
		s.Levels, s.Log = vs[:min(len(vs), MaxLevels)], l.Scale == "log"
		return s
	}
	lo, hi := s.Lo, s.Hi
	if !g.ok() || !(hi > lo) {
		return s
	}
	n := min(l.Count, MaxLevels)
	if n <= 0 {
		n = DefaultLevelCount
	}
	scale := l.Scale
	if scale != "linear" && scale != "log" {
		scale = "linear"
		if lowFraction(g, lo, hi) > 0.3 {
			scale = "log"
		}
	}
	levels := make([]float64, n)
	if scale == "linear" {
		for k := range levels {
			levels[k] = lo + float64(k+1)*(hi-lo)/float64(n+1)
		}
		s.Levels = levels
		return s
	}
	a := math.Log(lowQuantile(g, lo, hi, 0.005))
	b := math.Log(hi - lo)
	for k := range levels {
		levels[k] = lo + math.Exp(a+float64(k)*(b-a)/float64(n))
	}
	s.Levels, s.Log = slices.Compact(levels), true
	return s
}

// Height maps v to [0, 1]: linearly from Lo to Hi, or, on a log scale,
// evenly in log(v - Lo + q), q being the lowest level's height above Lo,
// so that the floor of a valley is not flat under a wall of high values.
// Values outside [Lo, Hi] are clamped; a value that is not finite is NaN.
func (s Scale) Height(v float64) float64 {
	if !isFinite(v) {
		return math.NaN()
	}
	span := s.Hi - s.Lo
	if !(span > 0) {
		return 0.5
	}
	t := (v - s.Lo) / span
	if s.Log {
		q := span * 1e-3
		if len(s.Levels) > 0 && s.Levels[0] > s.Lo {
			q = s.Levels[0] - s.Lo
		}
		t = math.Log1p(max(v-s.Lo, 0)/q) / math.Log1p(span/q)
	}
	return math.Min(math.Max(t, 0), 1)
}

// Band returns the index of the band v lies in: how many levels are at or
// below it, from 0 to len(Levels).
func (s Scale) Band(v float64) int {
	n, _ := slices.BinarySearch(s.Levels, v)
	for n < len(s.Levels) && s.Levels[n] <= v {
		n++
	}
	return n
}

// lowFraction returns the fraction of finite samples within the lowest
// thirtieth of [lo, hi].
func lowFraction(g Grid, lo, hi float64) float64 {
	cut := lo + (hi-lo)/30
	var n, below int
	for _, v := range g.Values[:g.NX*g.NY] {
		if isFinite(v) {
			n++
			if v < cut {
				below++
			}
		}
	}
	return float64(below) / float64(n)
}

// lowQuantile returns roughly the q-quantile of f - lo over the finite
// samples, read from a histogram with bins a factor of two wide, and at least
// (hi-lo)·1e-9.
func lowQuantile(g Grid, lo, hi, q float64) float64 {
	const nbins = 64 // bin b holds f-lo in (hi-lo)·[2^-(b+1), 2^-b)
	span := hi - lo
	var hist [nbins + 1]int
	n := 0
	for _, v := range g.Values[:g.NX*g.NY] {
		if !isFinite(v) {
			continue
		}
		n++
		b := nbins
		if v > lo {
			_, e := math.Frexp((v - lo) / span) // in [0.5, 1)·2^e
			b = min(max(-e, 0), nbins)
		}
		hist[b]++
	}
	want := int(q * float64(n))
	seen := 0
	for b := nbins; b >= 0; b-- {
		seen += hist[b]
		if seen > want {
			return max(span*math.Ldexp(1, -b), span*1e-9)
		}
	}
	return span
}
