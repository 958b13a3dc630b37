package svgviz

import (
	"math"
	"strconv"
	"strings"
)

// A tick is a labelled position on an axis, in the axis's world units
// (log10 units on a log axis).
type tick struct {
	at    float64
	label string
}

// niceStep returns the 1-2-5 step (1, 2 or 5 times a power of ten) that cuts
// span into at most n intervals, or as few more as the step allows.
func niceStep(span float64, n int) float64 {
	if !(span > 0) || n < 1 {
		return 1
	}
	raw := span / float64(n)
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= raw*(1-1e-9) {
			return m * p
		}
	}
	return 10 * p
}

// linearTicks returns the multiples of a 1-2-5 step inside [lo, hi], about
// maxTicks of them and never fewer than two when lo < hi.
//
// The ticks are counted by an integer, never by stepping a float: on a
// domain a few floats wide, first and last are near 2^53 or beyond, where
// k++ leaves k as it was, and a loop on k never ended. Beyond maxTickCount
// ticks, or where the numbers are not finite, the axis gets its two ends.
func linearTicks(lo, hi float64, maxTicks int) []tick {
	if !(hi > lo) {
		return []tick{{lo, formatNumber(lo, 1)}}
	}
	for n := max(maxTicks-1, 1); ; n++ {
		step := niceStep(hi-lo, n)
		first := math.Ceil(lo/step - 1e-9)
		last := math.Floor(hi/step + 1e-9)
		if last-first < 1 && n < 64 {
			continue
		}
		count := last - first + 1
		if !(count >= 1 && count <= maxTickCount) || first+count-1 == first && count > 1 || math.IsInf(step, 0) || step == 0 {
			return endTicks(lo, hi)
		}
		ts := make([]tick, 0, int(count))
		for i := range int(count) {
			v := (first + float64(i)) * step
			ts = append(ts, tick{v, formatNumber(v, step)})
		}
		return ts
	}
}

// maxTickCount bounds the ticks of any axis; real axes have about ten.
const maxTickCount = 1000

// endTicks labels only the ends of an axis whose ticks cannot be counted.
func endTicks(lo, hi float64) []tick {
	step := hi - lo
	if !(step > 0) || math.IsInf(step, 0) {
		step = math.Max(math.Abs(lo), math.Abs(hi)) * 1e-3
	}
	if !(step > 0) || math.IsInf(step, 0) || math.IsNaN(lo) || math.IsNaN(hi) {
		return nil
	}
	return []tick{{lo, formatNumber(lo, step)}, {hi, formatNumber(hi, step)}}
}

// logTicks returns ticks at powers of ten inside [lo, hi] (log10 units),
// thinned to multiples of 1, 2, 3, 5, 10, … decades to keep at most
// maxTicks, with 2 and 5 times a power of ten added when
// fewer than two powers fit.
func logTicks(lo, hi float64, maxTicks int) []tick {
	// The exponent of a float64 is within ±324: beyond, k += every would
	// stop moving k, and the loops below would not end.
	if !(math.Abs(lo) <= 1e4 && math.Abs(hi) <= 1e4) {
		return endTicks(lo, hi)
	}
	first, last := math.Ceil(lo-1e-9), math.Floor(hi+1e-9)
	var ts []tick
	if last-first >= 1 {
		var every float64
		for _, every = range []float64{1, 2, 3, 5, 10, 20, 50, 100} {
			if (last-first)/every+1 <= float64(maxTicks) {
				break
			}
		}
		for k := math.Ceil(first/every) * every; k <= last; k += every {
			ts = append(ts, tick{k, powerLabel(int(k))})
		}
		return ts
	}
	for k := math.Floor(lo); k <= last+1; k++ {
		for _, m := range []float64{1, 2, 5} {
			at := k + math.Log10(m)
			if at >= lo-1e-9 && at <= hi+1e-9 {
				v := m * math.Pow(10, k)
				ts = append(ts, tick{at, formatNumber(v, math.Pow(10, k))})
			}
		}
	}
	return ts
}

// powerLabel writes 10^k plainly for small k and as 10 with a superscript
// exponent otherwise.
func powerLabel(k int) string {
	if k >= -2 && k <= 3 {
		return formatNumber(math.Pow(10, float64(k)), math.Pow(10, float64(k)))
	}
	const sup = "⁰¹²³⁴⁵⁶⁷⁸⁹"
	var b strings.Builder
	b.WriteString("10")
	if k < 0 {
		b.WriteString("⁻")
		k = -k
	}
	for _, c := range strconv.Itoa(k) {
		d := int(c - '0')
		b.WriteString(string([]rune(sup)[d]))
	}
	return b.String()
}

// formatNumber writes v with as many decimals as step needs, a true minus sign
// and no negative zero; very large or small magnitudes get an exponent.
func formatNumber(v, step float64) string {
	if math.Abs(v) < step*1e-6 {
		return "0"
	}
	var s string
	if a := math.Abs(v); a >= 1e6 || a < 1e-4 {
		s = strconv.FormatFloat(v, 'g', 3, 64)
		s = strings.Replace(s, "e+0", "e", 1)
		s = strings.Replace(s, "e-0", "e-", 1)
		s = strings.Replace(s, "e+", "e", 1)
	} else {
		dec := 0
		if step > 0 && step < 1 {
			dec = int(math.Ceil(-math.Log10(step) - 1e-9))
		}
		s = strconv.FormatFloat(v, 'f', dec, 64)
	}
	return strings.ReplaceAll(s, "-", "−")
}
