'use strict';
// With JavaScript off every figure still shows each run's path
// (path.trail), the legend and the final-values table; the controls stay
// hidden (SPEC §6, last paragraph).
const test = require('node:test');
const assert = require('node:assert/strict');
const { startSite, launch, watch, figures, chromiumAvailable } = require('./lib/site');

const skip = chromiumAvailable() ? false : 'chromium missing';

test('figures without JavaScript', { skip, timeout: 120_000 }, async (t) => {
  const site = await startSite();
  const browser = await launch();
  t.after(() => browser.close());
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = watch(page);
  const all = figures(site);
  const bad = [], notes = [];
  for (const p of [...new Set(all.map((f) => f.path))]) {
    await page.goto(site.origin + p);
    for (const f of all.filter((x) => x.path === p)) {
      const fig = page.locator('#' + f.id);
      // Playwright's evaluate runs even with page scripts off.
      const r = await fig.evaluate((el) => {
        const shown = (e) => {
          if (!e) return false;
          const b = e.getBoundingClientRect(), s = getComputedStyle(e);
          if (!((b.width > 0 || b.height > 0) && s.display !== 'none' && s.visibility !== 'hidden' && +s.opacity > 0)) return false;
          // ... and at least partly inside its SVG's viewport.
          const svg = e.ownerSVGElement;
          if (!svg) return true;
          const v = svg.getBoundingClientRect();
          return b.right >= v.left && b.left <= v.right && b.bottom >= v.top && b.top <= v.bottom;
        };
        const data = JSON.parse(el.querySelector('script.landscape-data').textContent);
        const runs = [...el.querySelectorAll('.landscape-main g.run')];
        const svg = el.querySelector('.landscape-main svg[data-plot]');
        const w = ['x0', 'x1', 'y0', 'y1'].map((k) => +svg.getAttribute('data-' + k));
        const inWindow = (i) => {
          const r = data.runs[i], j = r.points.length - 1;
          if (j < 0) return false;
          const x = r.points[j][0], y = r.points[j].length > 1 ? r.points[j][1] : r.loss[j];
          return x >= w[0] && x <= w[1] && y >= w[2] && y <= w[3];
        };
        return {
          runs: data.runs.length,
          groups: runs.length,
          trails: runs.filter((g) => shown(g.querySelector('path.trail'))).length,
          emptyTrails: runs.filter((g) => !(g.querySelector('path.trail')?.getAttribute('d') || '')).length,
          legend: [...el.querySelectorAll('.landscape-legend .legend-item')].filter(shown).length,
          legendText: [...el.querySelectorAll('.landscape-legend .legend-item .legend-label')].map((x) => x.textContent).join(' | '),
          rows: [...el.querySelectorAll('table.landscape-table tbody tr')].filter(shown).length,
          table: shown(el.querySelector('table.landscape-table')),
          finals: [...el.querySelectorAll('table.landscape-table tbody tr')].map((tr) => tr.textContent.trim()),
          controls: shown(el.querySelector('.landscape-controls')),
          readout: shown(el.querySelector('.landscape-readout')),
          live: el.classList.contains('landscape-live'),
          // Where each run ends: its end dot, or for a diverged run its ×,
          // checked for the runs whose last point lies inside the plot's window.
          ends: runs.filter((g, i) => inWindow(i)).filter((g) => shown(g.querySelector('circle.end')) || shown(g.querySelector('path.diverged'))).length,
          inWindow: runs.filter((g, i) => inWindow(i)).length,
          lost: runs.filter((g) => g.querySelector('path.diverged') && !shown(g.querySelector('path.diverged')))
            .map((g) => `run ${g.getAttribute('data-run')}: × at ${g.querySelector('path.diverged').getAttribute('d')}`),
        };
      });
      const where = `${p}#${f.id}`;
      const want = { groups: r.runs, trails: r.runs, emptyTrails: 0, legend: r.runs, rows: r.runs, table: true, controls: false, readout: false, live: false };
      const got = Object.fromEntries(Object.keys(want).map((k) => [k, r[k]]));
      if (JSON.stringify(got) !== JSON.stringify(want)) bad.push(`${where}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
      if (r.ends !== r.inWindow) bad.push(`${where}: ${r.ends} of ${r.inWindow} end marks shown`);
      // A diverged run's last finite point is usually far outside: its × is
      // then drawn off the picture (reported to svgviz), noted here only.
      for (const l of r.lost) notes.push(`${where} ${l}`);
      for (const row of r.finals) if (!/\d/.test(row)) bad.push(`${where}: table row without a number: ${row}`);
    }
  }
  assert.deepEqual(bad, [], bad.join('\n'));
  assert.deepEqual(problems, []);
  t.diagnostic(`${all.length} figures checked with JavaScript off`);
  for (const n of notes) t.diagnostic('off the plot: ' + n);
});
