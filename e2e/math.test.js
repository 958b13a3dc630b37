'use strict';
// Aligned equations line up in Chromium: in every table of aligned pairs
// on the sample course's pages, the left column's content ends at one x
// and the right column's starts at one x (Chromium ignores columnalign;
// markup sets -webkit-right and -webkit-left on the cells).
const test = require('node:test');
const assert = require('node:assert/strict');
const { startSite, launch, chromiumAvailable } = require('./lib/site');

const skip = chromiumAvailable() ? false : 'chromium missing';

test('aligned equations line up', { skip, timeout: 120_000 }, async (t) => {
  const site = await startSite();
  const browser = await launch();
  t.after(() => browser.close());
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  const bad = [];
  let tables = 0;
  for (const p of site.paths()) {
    await page.goto(site.origin + p);
    const r = await page.evaluate(() => {
      const out = { tables: 0, bad: [] };
      for (const t of document.querySelectorAll('mtable[columnalign^="right left"]')) {
        const rows = [...t.querySelectorAll(':scope > mtr')].filter((r) => r.children.length >= 2 && r.children[0].textContent.trim());
        if (rows.length < 2) continue;
        out.tables++;
        const edge = (c, side) => {
          const kids = [...c.children].map((k) => k.getBoundingClientRect()).filter((b) => b.width > 0);
          return side === 'right' ? Math.max(...kids.map((b) => b.right)) : Math.min(...kids.map((b) => b.left));
        };
        const rights = rows.map((r) => edge(r.children[0], 'right')), lefts = rows.map((r) => edge(r.children[1], 'left'));
        const spread = (xs) => Math.max(...xs) - Math.min(...xs);
        if (spread(rights) > 1 || spread(lefts) > 1) out.bad.push(`${t.closest('math').textContent.slice(0, 40)}: left column ends spread ${spread(rights).toFixed(1)} px, right column starts spread ${spread(lefts).toFixed(1)} px`);
      }
      return out;
    });
    tables += r.tables;
    for (const b of r.bad) bad.push(`${p}: ${b}`);
  }
  assert.ok(tables > 5, `only ${tables} aligned tables found`);
  assert.deepEqual(bad, [], bad.join('\n'));
  t.diagnostic(`${tables} aligned tables line up`);
});
