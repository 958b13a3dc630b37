//go:build browser

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"descent/diag"
	"descent/figure"
)

// liveFigure is the directive of the live test: two runs share the start,
// 300 steps each.
const liveFigure = `title: Live
function: himmelblau
start: [-1, 4]
steps: 300
runs:
  - optimizer: momentum
    lr: 0.002
    momentum: 0.8
  - optimizer: adam
    lr: 0.05
`

// readout is what the page says of each run at the current step.
type readout struct {
	Run             int
	X, Y, Loss      string
	Step, StepTotal int
}

func readRuns(t *testing.T, ctx context.Context) []readout {
	t.Helper()
	rs, err := chromedp.Run(ctx, chromedp.Evaluate[[]readout](`[...document.querySelectorAll('#live .landscape-readout-run')].map((e) => ({
		Run: +e.dataset.run, X: e.dataset.x, Y: e.dataset.y, Loss: e.dataset.loss}))`))
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// TestBrowserLiveFigure drags the start, slides a learning rate with the
// keyboard, and opens the link the page wrote; each time every run's final
// point and loss on the page must be the bits the build computes for the
// same settings.
func TestBrowserLiveFigure(t *testing.T) {
	course := writeCourse(t, "---\ntitle: One\n---\n\nA live figure.\n\n```landscape\n"+liveFigure+"```\n")
	p := start(t, course)
	ctx := browser(t)
	page := p.url + "a/one/"
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900), chromedp.Navigate(page)); err != nil {
		t.Fatal(err)
	}
	shows(t, ctx, `document.querySelector('#live .landscape-livepanel') !== null`)

	// Drag the start from inside the plot to a point a third of the way
	// across it.
	type points struct{ X0, Y0, X1, Y1 float64 }
	at, err := chromedp.Run(ctx, chromedp.Evaluate[points](`(() => {
		const svg = document.querySelector('#live .landscape-main svg');
		svg.scrollIntoView();
		const r = svg.getBoundingClientRect(), vb = svg.viewBox.baseVal;
		const p = svg.getAttribute('data-plot').split(' ').map(Number);
		const px = (x, y) => [r.left + (p[0] + x * p[2]) * r.width / vb.width, r.top + (p[1] + y * p[3]) * r.height / vb.height];
		const [x0, y0] = px(0.5, 0.5), [x1, y1] = px(0.33, 0.62);
		return {X0: x0, Y0: y0, X1: x1, Y1: y1};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	mouse := func(typ input.DispatchMouseEventType, x, y float64) chromedp.Action[chromedp.Void] {
		return chromedp.MouseEvent(typ, x, y, chromedp.ButtonLeft, chromedp.ClickCount(1))
	}
	if err := chromedp.Do(ctx,
		mouse(input.DispatchMouseEventTypeMousePressed, at.X0, at.Y0),
		mouse(input.DispatchMouseEventTypeMouseMoved, (at.X0+at.X1)/2, (at.Y0+at.Y1)/2),
		mouse(input.DispatchMouseEventTypeMouseMoved, at.X1, at.Y1),
		mouse(input.DispatchMouseEventTypeMouseReleased, at.X1, at.Y1),
	); err != nil {
		t.Fatal(err)
	}
	shows(t, ctx, `location.search.includes('start=')`)
	checkAgainstBuild(t, ctx, "after the drag")

	// Slide run 2's learning rate: focus its slider and press → five times.
	if err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#live details.landscape-settings').open = true`),
		chromedp.Focus(`#live input[data-run="2"][data-setting="lr"]`),
	); err != nil {
		t.Fatal(err)
	}
	for range 5 {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowRight)); err != nil {
			t.Fatal(err)
		}
	}
	shows(t, ctx, `location.search.includes('r2.lr=')`)
	checkAgainstBuild(t, ctx, "after sliding lr")

	// Step back to 120, then open the page's own link in a fresh load.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`(() => { const s = document.querySelector('#live input.landscape-step'); s.value = 120; s.dispatchEvent(new Event('input')); })()`)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond)
	link, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href`))
	if err != nil {
		t.Fatal(err)
	}
	before := readRuns(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(link)); err != nil {
		t.Fatal(err)
	}
	shows(t, ctx, `document.querySelector('#live .landscape-livepanel') !== null && document.querySelector('#live .landscape-readout-step').textContent.startsWith('Step 120 ')`)
	after := readRuns(t, ctx)
	if fmt.Sprint(before) != fmt.Sprint(after) {
		t.Errorf("the link %s restores\n%v\nbut the page showed\n%v", link, after, before)
	}
	checkAgainstBuild(t, ctx, "after opening the link")
}

// checkAgainstBuild reads the figure's state from the address, builds the
// directive with those settings, and compares each run's final point and
// loss with the page's readout at the last step, bit for bit.
func checkAgainstBuild(t *testing.T, ctx context.Context, when string) {
	t.Helper()
	// Go to the last step and let the page settle: pending frames drawn
	// and the address written (it waits for the pointer or keys to rest).
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('#live button[data-action="last"]').click();
		new Promise((r) => requestAnimationFrame(() => setTimeout(r, 300)))`, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatal(err)
	}
	href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href`))
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(href)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	directive := liveFigure
	if s := q.Get("start"); s != "" {
		directive = strings.Replace(directive, "start: [-1, 4]", "start: ["+s+"]", 1)
	}
	if v := q.Get("r2.lr"); v != "" {
		directive = strings.Replace(directive, "lr: 0.05", "lr: "+v, 1)
	}
	l := &diag.List{File: "live"}
	spec, ok := figure.Decode([]byte(directive), 0, l)
	if !ok {
		t.Fatalf("%s: %v\n%s", when, l.Errs, directive)
	}
	d, err := figure.Compute(context.Background(), spec, "live", &figure.Memo{})
	if err != nil {
		t.Fatal(err)
	}
	want := finals(t, d.JSON)
	got := readRuns(t, ctx)
	sort.Slice(got, func(i, j int) bool { return got[i].Run < got[j].Run })
	if len(got) != len(want) {
		t.Fatalf("%s: %d runs on the page, %d built", when, len(got), len(want))
	}
	for i, g := range got {
		w := want[i]
		for _, c := range [][3]string{{"x", g.X, w[0]}, {"y", g.Y, w[1]}, {"loss", g.Loss, w[2]}} {
			a, err1 := strconv.ParseFloat(c[1], 64)
			b, _ := strconv.ParseFloat(c[2], 64)
			if err1 != nil || a != b {
				t.Errorf("%s: run %d %s is %s on the page, %s in the build (%s)", when, g.Run, c[0], c[1], c[2], href)
			}
		}
	}
	t.Logf("%s: %d runs equal the build's bits (%s)", when, len(got), u.RawQuery)
}

// finals returns each run's last x, y and loss from a figure's JSON, as
// shortest round-trip text.
func finals(t *testing.T, js string) [][3]string {
	t.Helper()
	var data struct {
		Runs []struct {
			Points [][]float64 `json:"points"`
			Loss   []float64   `json:"loss"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(js), &data); err != nil {
		t.Fatal(err)
	}
	var out [][3]string
	for _, r := range data.Runs {
		n := len(r.Points) - 1
		f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
		out = append(out, [3]string{f(r.Points[n][0]), f(r.Points[n][1]), f(r.Loss[n])})
	}
	return out
}

// TestBrowserParamSweep: a family of landscapes shows one figure at a
// time, the slider switches them, and ?fig= opens the one it names.
func TestBrowserParamSweep(t *testing.T) {
	course := writeCourse(t, "---\ntitle: One\n---\n\n```landscape\nid: amp\nfunction: rastrigin\nparams: {A: [1, 4, 10]}\nstart: [2.2, 1.7]\nsteps: 20\nruns: [{optimizer: gd, lr: 0.001}]\n```\n")
	p := start(t, course)
	ctx := browser(t)
	const visible = `[...document.querySelectorAll('#amp > figure')].map((f) => f.hidden ? '-' : f.id).join(' ')`
	if err := chromedp.Do(ctx, chromedp.Navigate(p.url+"a/one/")); err != nil {
		t.Fatal(err)
	}
	shows(t, ctx, visible+` === 'amp--1 - -'`)
	if err := chromedp.Do(ctx, chromedp.Focus("#amp-param"), chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight)); err != nil {
		t.Fatal(err)
	}
	shows(t, ctx, visible+` === '- - amp--3' && document.querySelector('#amp output').textContent === '10'`)
	if err := chromedp.Do(ctx, chromedp.Navigate(p.url+"a/one/?fig=amp--2")); err != nil {
		t.Fatal(err)
	}
	shows(t, ctx, visible+` === '- amp--2 -' && document.querySelector('#amp output').textContent === '4'`)
}
