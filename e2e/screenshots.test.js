'use strict';
// Screenshots of the home page and two lessons at 1280 and 390 px wide, in
// the light and the dark scheme, for a person to look at: the top of each
// page and, on lessons, the first figure. Written to DESCENT_SHOTS (default
// /tmp/descent-shots). The test itself checks only that no page scrolls
// sideways at either width.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { startSite, launch, watch, shotsDir, chromiumAvailable } = require('./lib/site');

const skip = chromiumAvailable() ? false : 'chromium missing';
const PAGES = [['home', ''], ['momentum', 'math/momentum/'], ['learning-rate', 'concepts/learning-rate/']];
const WIDTHS = [[1280, 800], [390, 844]];
const SCHEMES = ['light', 'dark'];

test('screenshots', { skip, timeout: 120_000 }, async (t) => {
  const site = await startSite();
  const browser = await launch();
  t.after(() => browser.close());
  const dir = shotsDir();
  const overflow = [];
  for (const scheme of SCHEMES) {
    for (const [width, height] of WIDTHS) {
      const mobile = width < 600;
      const context = await browser.newContext({
        viewport: { width, height }, colorScheme: scheme, deviceScaleFactor: 1,
        isMobile: mobile, hasTouch: mobile,
      });
      const page = await context.newPage();
      const problems = watch(page);
      for (const [name, p] of PAGES) {
        await page.goto(site.url(p));
        await page.evaluate(() => document.fonts.ready);
        const base = `${name}-${width}-${scheme}`;
        await page.screenshot({ path: path.join(dir, base + '.png') });
        const fig = page.locator('figure.landscape').first();
        if (await fig.count()) {
          await fig.scrollIntoViewIfNeeded();
          await fig.screenshot({ path: path.join(dir, base + '-figure.png') });
        }
        const wide = await page.evaluate(() => ({
          doc: document.documentElement.scrollWidth, win: window.innerWidth,
          culprits: [...document.querySelectorAll('body *')]
            .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.math-display, pre, .landscape-table-wrap, .content > table, math'))
            .slice(0, 5).map((e) => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : '')),
        }));
        const px = await page.evaluate(() => {
          const sizes = [...document.querySelectorAll('figure.landscape svg text')]
            .filter((e) => e.getBoundingClientRect().height > 0)
            .map((e) => parseFloat(getComputedStyle(e).fontSize) * Math.hypot(e.getScreenCTM().a, e.getScreenCTM().b));
          return sizes.length ? Math.min(...sizes) : null;
        });
        if (px !== null) t.diagnostic(`${base}: smallest figure text ${px.toFixed(1)} px`);
        if (wide.doc > wide.win) overflow.push(`${base}: page is ${wide.doc}px wide in a ${wide.win}px window (${wide.culprits.join(', ')})`);
      }
      assert.deepEqual(problems, []);
      await context.close();
    }
  }
  t.diagnostic(`screenshots in ${dir}`);
  assert.deepEqual(overflow, [], overflow.join('\n'));
});
