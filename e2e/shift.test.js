'use strict';
// Nothing moves while a page's scripts load. The scripts are deferred, so a
// slow machine paints the page before they run; whatever they change then
// moves the text under the reader's eyes (Lighthouse's cumulative layout
// shift, which cost the saddle-points lesson 0.22 on a slow CI machine).
// Here every script is held back for a while, so the page is painted without
// them, and the layout shifts are summed from first paint until the scripts
// have run. Without JavaScript, the search box and the "Lessons" button are
// gone and a phone shows the lesson list.
const test = require('node:test');
const assert = require('node:assert/strict');
const { startSite, launch, watch, lessonPaths, chromiumAvailable } = require('./lib/site');

const skip = chromiumAvailable() ? false : 'chromium missing';
const HOLD_MS = 400; // how long each script is held back
const VIEWS = [['phone', { width: 390, height: 844 }], ['laptop', { width: 1366, height: 768 }]];

// recordShifts sums the page's layout shifts, as Lighthouse does.
function recordShifts() {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      const el = e.sources.map((s) => (s.node && (s.node.id || s.node.className || s.node.nodeName)) || '?').join(' ');
      window.__shifts.push(`${e.value.toFixed(4)} (${el})`);
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

test('no layout shift while scripts load', { skip, timeout: 180_000 }, async (t) => {
  const site = await startSite();
  const browser = await launch();
  t.after(() => browser.close());
  const pages = [site.url(), ...lessonPaths(site).map((p) => site.origin + p)];
  const bad = [];
  for (const [name, viewport] of VIEWS) {
    const context = await browser.newContext({ viewport });
    await context.addInitScript(recordShifts);
    await context.route(/\.js(\?|$)/, async (route) => {
      await new Promise((r) => setTimeout(r, HOLD_MS));
      await route.continue();
    });
    const page = await context.newPage();
    for (const url of pages) {
      const problems = watch(page);
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForTimeout(300); // figures are set up in a frame after load
      const shifts = await page.evaluate(() => window.__shifts);
      const total = shifts.reduce((a, s) => a + parseFloat(s), 0);
      if (total > 0.01) bad.push(`${name} ${url}: ${total.toFixed(3)}: ${shifts.join(', ')}`);
      bad.push(...problems.map((p) => `${name} ${url}: ${p}`));
      page.removeAllListeners();
    }
    await context.close();
  }
  assert.deepEqual(bad, []);
});

test('without JavaScript a phone shows the lesson list and no dead controls', { skip, timeout: 60_000 }, async (t) => {
  const site = await startSite();
  const browser = await launch();
  t.after(() => browser.close());
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(site.origin + lessonPaths(site)[0]);
  assert.equal(await page.locator('#site-nav').isVisible(), true, 'the lesson list shows');
  assert.equal(await page.locator('.search').isVisible(), false, 'no search box');
  assert.equal(await page.locator('.nav-toggle').isVisible(), false, 'no "Lessons" button');
  await context.close();
  const js = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const p2 = await js.newPage();
  await p2.goto(site.origin + lessonPaths(site)[0]);
  assert.equal(await p2.locator('#site-nav').isVisible(), false, 'with scripts the list is folded');
  await p2.locator('.nav-toggle').click();
  assert.equal(await p2.locator('#site-nav').isVisible(), true, 'the button opens it');
  await js.close();
});
