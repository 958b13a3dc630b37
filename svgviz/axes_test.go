package svgviz

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// On a phone a bare plot's text is set phoneText times larger; the x axis's
// last label, centred on its tick, must still fit in the viewBox. A loss
// plot of 200 steps had its "200" cut in half at 390 px.
func TestLastXLabelFits(t *testing.T) {
	t.Parallel()
	for _, steps := range []int{30, 200, 205, 1000, 5000} {
		for _, width := range []int{0, 320, 640} {
			loss := make([]float64, steps+1)
			for i := range loss {
				loss[i] = 1 / float64(i+1)
			}
			var b strings.Builder
			p := LossPlot{Runs: []Run{{Label: "a", Loss: loss}}, Width: width, Bare: true}
			if err := p.WriteSVG(&b); err != nil {
				t.Fatal(err)
			}
			var x, y, w, h float64
			m := regexp.MustCompile(`data-plot="([^"]*)"`).FindStringSubmatch(b.String())
			if m == nil {
				t.Fatal("no data-plot")
			}
			fmt.Sscan(m[1], &x, &y, &w, &h)
			ts := linearTicks(0, float64(steps), tickCount(w, true))
			last := ts[len(ts)-1]
			at := x + last.at/float64(steps)*w
			total := float64(max(width, 0))
			if width == 0 {
				total = defaultWidth
			}
			if end := at + phoneText*textWidth(last.label)/2; end > total {
				t.Errorf("%d steps, width %d: the label %q ends at %.1f, past the figure's %v", steps, width, last.label, end, total)
			}
		}
	}
}
