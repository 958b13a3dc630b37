package svgviz

import (
	"fmt"
	"strconv"
)

// Legend geometry, in viewBox units.
const (
	swatchW      = 18  // the line sample of a run
	legendText   = 24  // label offset from the legend's left edge
	maxLegendW   = 200 // labels are cut to fit
	minLegendW   = 96
	legendMargin = 6 // between rows of different kinds
)

// legend lays out the entries: one per run (two rows for a diverged one),
// one per kind of critical point present, and a key to the start and end
// marks.
type legend struct {
	runs      []Run
	kinds     []string
	startEnd  bool // show the start/end key
	w, h      float64
	cutLabels []string // run labels, cut to fit
	curves    []string // labels of a curve figure's extra curves, cut to fit
}

// withCurves adds rows for a 1-D figure's curves, listed first: its own
// function, then the extra ones.
func (l legend) withCurves(labels []string) legend {
	if len(labels) == 0 {
		return l
	}
	w := l.w - legendText
	for _, s := range labels {
		s = cutText(s, maxLegendW-legendText)
		l.curves = append(l.curves, s)
		w = max(w, textWidth(s))
	}
	l.h += float64(len(labels))*legendRow + legendMargin
	l.w = min(max(w+legendText, minLegendW), maxLegendW)
	return l
}

// CurveColor is the colour of a 1-D figure's extra curve i when the figure
// has runs runs: the palette's next colours after the runs', so that no
// curve shares a run's colour.
func CurveColor(runs, i int) string { return Color(runs + i) }

// CurveDash is the dash of every extra curve, which tells them from the
// figure's own function (solid) and from the runs (dots).
const CurveDash = "6 3"

// curveStyle is extra curve i's stroke (the figure's own function for
// i < 0).
func curveStyle(runs, i int) []string {
	if i < 0 {
		return []string{`stroke="currentColor"`, `stroke-width="1.5"`, `fill="none"`}
	}
	return []string{attr("stroke", CurveColor(runs, i)), `stroke-width="1.5"`, attr("stroke-dasharray", CurveDash), `fill="none"`}
}

// newLegend measures a legend; kinds are the critical kinds to list.
func newLegend(runs []Run, kinds []string, startEnd bool) legend {
	l := legend{runs: runs, kinds: kinds, startEnd: startEnd && len(runs) > 0}
	w := 0.0
	for i, r := range runs {
		label := cutText(r.label(i), maxLegendW-legendText)
		l.cutLabels = append(l.cutLabels, label)
		w = max(w, textWidth(label))
		l.h += legendRow
		if r.Diverged {
			l.h += legendRow - 4
			w = max(w, textWidth(divergedNote(r)))
		}
	}
	for _, k := range kinds {
		w = max(w, textWidth(k))
	}
	if len(kinds) > 0 {
		l.h += legendMargin + float64(len(kinds))*legendRow
	}
	if l.startEnd {
		l.h += legendMargin + legendRow
		w = max(w, textWidth("start  end")+legendText)
	}
	if l.h > 0 {
		l.w = min(max(w+legendText, minLegendW), maxLegendW)
	}
	return l
}

func divergedNote(r Run) string { return fmt.Sprintf("× diverged at step %d", r.StoppedAt) }

// cutText shortens s to fit width, ending it with an ellipsis.
func cutText(s string, width float64) string {
	if textWidth(s) <= width {
		return s
	}
	// The longest prefix that fits with the ellipsis, found in one pass:
	// cutting a rune at a time and measuring again was quadratic (a label
	// of 40,000 characters took 25 s). The sums are the same as those
	// textWidth makes, so the cut is where it always was.
	ell := textWidth("…")
	end, em := len(s), 0.0
	for i, r := range s {
		em += charEm(r)
		if i > 0 && em*fontSize+ell > width {
			end = i
			break
		}
	}
	return s[:end] + "…"
}

// write draws the legend with its top-left corner at at. Each run's entry is
// a g.legend-item[data-run] so a page script can hide it with its run; a cut
// label keeps its full text in a <title>.
func (l legend) write(w *svgWriter, at Point) {
	if l.h == 0 {
		return
	}
	x, y := at.X, at.Y+8 // y: middle of the current row
	tx := x + legendText
	for i, label := range l.curves {
		w.group(`class="legend-curve"`)
		w.path("M"+formatCoord(x)+" "+formatCoord(y)+"h"+strconv.Itoa(swatchW), curveStyle(len(l.runs), i-1)...)
		w.text(tx, y, label, `dy=".35em"`)
		w.end()
		y += legendRow
	}
	if len(l.curves) > 0 {
		y += legendMargin
	}
	for i, r := range l.runs {
		w.group(`class="legend-item"`, attr("data-run", strconv.Itoa(i)))
		if full := r.label(i); l.cutLabels[i] != full {
			w.svg().Title(full)
		}
		w.path("M"+formatCoord(x)+" "+formatCoord(y)+"h"+strconv.Itoa(swatchW), attr("stroke", Color(r.Color)), `stroke-width="2.5"`)
		w.text(tx, y, l.cutLabels[i], `dy=".35em"`)
		if r.Diverged {
			y += legendRow - 4
			w.text(tx, y, divergedNote(r), `dy=".35em"`, `font-size="11"`, `opacity=".8"`)
		}
		w.end()
		y += legendRow
	}
	if len(l.kinds) > 0 {
		y += legendMargin
		for _, k := range l.kinds {
			var d pathData
			glyph(&d, k, Point{x + swatchW/2, y})
			w.group(`class="legend-kind"`, attr("data-kind", k))
			w.path(d.String(), glyphStyle)
			w.text(tx, y, k, `dy=".35em"`)
			w.end()
			y += legendRow
		}
	}
	if l.startEnd {
		y += legendMargin
		w.group(`class="legend-key"`, `stroke="currentColor"`)
		w.circle(x+5, y, startR, `fill="none"`, `stroke-width="1.5"`)
		w.text(x+14, y, "start", `dy=".35em"`, `stroke="none"`)
		w.circle(x+60, y, endR+0.5, `stroke="none"`)
		w.text(x+68, y, "end", `dy=".35em"`, `stroke="none"`)
		w.end()
	}
}
