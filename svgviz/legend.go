package svgviz

import "fmt"

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
	r := []rune(s)
	for len(r) > 1 && textWidth(string(r))+textWidth("…") > width {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// write draws the legend with its top-left corner at at. Each run's entry is
// a g.legend-item[data-run] so a page script can hide it with its run; a cut
// label keeps its full text in a <title>.
func (l legend) write(w *svgWriter, at Point) {
	if l.h == 0 {
		return
	}
	x, y := at.X, at.Y+8 // y: middle of the current row
	tx := formatCoord(x + legendText)
	for i, r := range l.runs {
		w.printf(`<g class="legend-item" data-run="%d">`, i)
		if full := r.label(i); l.cutLabels[i] != full {
			w.printf(`<title>%s</title>`, esc(full))
		}
		w.printf(`<path stroke="%s" stroke-width="2.5" d="M%s %sh%d"/>`,
			Color(r.Color), formatCoord(x), formatCoord(y), swatchW)
		w.printf(`<text x="%s" y="%s" dy=".35em">%s</text>`, tx, formatCoord(y), esc(l.cutLabels[i]))
		if r.Diverged {
			y += legendRow - 4
			w.printf(`<text x="%s" y="%s" dy=".35em" font-size="11" opacity=".8">%s</text>`,
				tx, formatCoord(y), divergedNote(r))
		}
		w.printf(`</g>`)
		y += legendRow
	}
	if len(l.kinds) > 0 {
		y += legendMargin
		for _, k := range l.kinds {
			var d pathData
			glyph(&d, k, Point{x + swatchW/2, y})
			w.printf(`<g class="legend-kind" data-kind="%s"><path %s d="%s"/><text x="%s" y="%s" dy=".35em">%s</text></g>`,
				k, glyphStyle, d.String(), tx, formatCoord(y), k)
			y += legendRow
		}
	}
	if l.startEnd {
		y += legendMargin
		cy := formatCoord(y)
		w.printf(`<g class="legend-key" stroke="currentColor"><circle cx="%s" cy="%s" r="%d" fill="none" stroke-width="1.5"/>`,
			formatCoord(x+5), cy, startR)
		w.printf(`<text x="%s" y="%s" dy=".35em" stroke="none">start</text>`, formatCoord(x+14), cy)
		w.printf(`<circle cx="%s" cy="%s" r="%s" stroke="none"/>`, formatCoord(x+60), cy, formatCoord(endR+0.5))
		w.printf(`<text x="%s" y="%s" dy=".35em" stroke="none">end</text></g>`, formatCoord(x+68), cy)
	}
}
