//go:build browser

package main

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// readableCourse holds the figures that were hard to read: 24 runs (a
// sweep from four starts), a run that leaves the plot, Rastrigin's 441
// critical points, and long labels.
const readableCourse = "---\ntitle: One\n---\n\nFigures.\n\n" +
	"```landscape\nid: many\ntitle: Twenty-four runs of momentum with a long title that would not fit on one line of the plot\nfunction: himmelblau\n" +
	"start: [[-4, 4], [4, 4], [-4, -4], [4, -4]]\nsteps: 60\nruns:\n  - optimizer: momentum\n    lr: [0.001, 0.002, 0.003, 0.004, 0.005, 0.006]\n    momentum: 0.9\n```\n\n" +
	"```landscape\nid: off\nfunction: saddle\nstart: [1.5, 0.05]\nsteps: 40\nruns:\n  - optimizer: gd\n    lr: 0.1\n    label: plain gradient descent with a learning rate of one tenth, walking off the saddle\n```\n\n" +
	"```landscape\nid: rugged\nfunction: rastrigin\nparams: {A: 10}\ndomain: {x: [-5, 5], y: [-5, 5]}\nstart: [2.2, 1.7]\nsteps: 50\nruns:\n  - optimizer: gd\n    lr: 0.002\n```\n"

// TestBrowserReadableFigures checks, at a laptop's and a phone's size,
// what issue #15 asked of every figure: no cut text, a colour per run,
// the plot and the step buttons in one screen, phone text at 11 px or
// more and no sideways scrolling, a legend entry that hides its run, and
// the mark where a run leaves the plot.
func TestBrowserReadableFigures(t *testing.T) {
	course := writeCourse(t, readableCourse)
	p := start(t, course)
	ctx := browser(t)
	page := p.url + "a/one/"
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 768), chromedp.Navigate(page)); err != nil {
		t.Fatal(err)
	}
	shows(t, ctx, `document.querySelectorAll('figure.landscape-live').length === 3`)

	cut := eval[[]string](t, ctx, `[...document.querySelectorAll('figure.landscape')].flatMap((f) =>
		[...f.querySelectorAll('svg text, .landscape-legend li, figcaption')].map((e) => e.textContent).filter((s) => s.includes('…')))`)
	if len(cut) > 0 {
		t.Errorf("cut text: %q", cut)
	}
	same := eval[[]string](t, ctx, `[...document.querySelectorAll('figure.landscape')].flatMap((f) => {
		const seen = new Map(), out = [];
		for (const g of f.querySelectorAll('.landscape-main g.run')) {
			const c = g.getAttribute('stroke'), k = c + ' ' + (g.querySelector('path.trail').getAttribute('stroke-dasharray') || '');
			if (seen.has(c)) out.push(f.id + ': runs ' + seen.get(c) + ' and ' + g.dataset.run + ' are both ' + c);
			seen.set(c, g.dataset.run);
		}
		return out;
	})`)
	if len(same) > 0 {
		t.Errorf("runs share a colour: %q", same)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#many .landscape-main g.run').length`); n != 24 {
		t.Errorf("the 24-run figure drew %d runs", n)
	}

	// With each figure's top at the window's top, its plot and its step
	// buttons are in the window.
	for _, id := range []string{"many", "off", "rugged"} {
		r := eval[[]float64](t, ctx, fmt.Sprintf(`(() => {
			const f = document.getElementById(%q);
			window.scrollTo(0, f.getBoundingClientRect().top + window.scrollY);
			const a = f.querySelector('.landscape-main svg').getBoundingClientRect(), b = f.querySelector('.landscape-buttons').getBoundingClientRect();
			return [a.top, a.bottom, b.top, b.bottom, window.innerHeight];
		})()`, id))
		if r[0] < 0 || r[1] > r[4] || r[2] < 0 || r[3] > r[4] {
			t.Errorf("%s at 1366×768: plot %.0f–%.0f, buttons %.0f–%.0f, window %.0f px tall", id, r[0], r[1], r[2], r[3], r[4])
		}
	}

	// The run that leaves the plot is marked where it left.
	exit := eval[string](t, ctx, `(document.querySelector('#off g.run text.exit') || {}).textContent || ''`)
	if !strings.HasPrefix(exit, "left the plot at step ") || eval[int](t, ctx, `document.querySelectorAll('#off g.run path.exit').length`) != 1 {
		t.Errorf("the run that leaves the plot has no exit mark (text %q)", exit)
	}

	// Rastrigin keeps its paths in view: only the global minimum is marked.
	if n := eval[int](t, ctx, `document.querySelectorAll('#rugged path.critical').length`); n != 1 {
		t.Errorf("Rastrigin draws %d kinds of critical point, want the minimum alone", n)
	}
	if note := eval[string](t, ctx, `document.querySelector('#rugged .landscape-critnote').textContent`); !strings.Contains(note, "441 critical points") {
		t.Errorf("Rastrigin's note: %q", note)
	}

	// A legend entry hides its run, and shows it again.
	shown := `getComputedStyle(document.querySelector('#off .landscape-main g.run')).display !== 'none'`
	click := `document.querySelector('#off .legend-item[data-run="0"] button').click()`
	eval[chromedp.Void](t, ctx, click)
	shows(t, ctx, `!(`+shown+`) && document.querySelector('#off .legend-item button').getAttribute('aria-pressed') === 'false'`)
	eval[chromedp.Void](t, ctx, click)
	shows(t, ctx, shown)

	// Pinning a sweep's value keeps it drawn beside the next one chosen
	// (each start has its own sweep: one more run is drawn).
	drawn := `[...document.querySelectorAll('#many .landscape-main g.run')].filter((g) => getComputedStyle(g).display !== 'none').length`
	if n := eval[int](t, ctx, drawn); n != 4 {
		t.Errorf("the sweep draws %d runs before pinning, want one per start", n)
	}
	eval[chromedp.Void](t, ctx, `(() => { document.querySelector('#many button.landscape-pin').click();
		const s = document.querySelector('#many input.landscape-sweep'); s.value = 3; s.dispatchEvent(new Event('input')); })()`)
	shows(t, ctx, drawn+` === 5 && document.querySelector('#many button.landscape-pin').getAttribute('aria-pressed') === 'true'`)

	// A phone: text at 11 CSS px or more, nothing wider than the screen.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(page+"?phone")); err != nil {
		t.Fatal(err)
	}
	shows(t, ctx, `document.querySelectorAll('figure.landscape-live').length === 3`)
	small := eval[[]string](t, ctx, `[...document.querySelectorAll('figure.landscape svg[viewBox] text')].filter((e) => e.getClientRects().length).flatMap((e) => {
		const svg = e.ownerSVGElement, scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
		const px = parseFloat(getComputedStyle(e).fontSize) * scale;
		return px < 11 ? [svg.closest('figure').id + ': "' + e.textContent + '" at ' + px.toFixed(1) + ' px'] : [];
	})`)
	if len(small) > 0 {
		t.Errorf("text under 11 px on a phone: %q", small[:min(len(small), 5)])
	}
	wide := eval[[]string](t, ctx, `[document.documentElement, ...document.querySelectorAll('figure.landscape, figure.landscape *')].filter((e) =>
		e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible' && !e.closest('.landscape-table-wrap')).map((e) => e.className.baseVal ?? e.className ?? e.tagName)`)
	if w := eval[float64](t, ctx, `document.documentElement.scrollWidth`); w > 390 || len(wide) > 0 {
		t.Errorf("on a phone the page is %.0f px wide; scrolling sideways: %q", w, wide)
	}
}

// eval runs a JavaScript expression in the tab and returns its value.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%v\n%s", err, js)
	}
	return v
}
