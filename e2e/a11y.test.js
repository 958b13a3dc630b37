'use strict';
// Accessibility: axe-core on every page in the light and the dark scheme
// (fail on any serious or critical violation); every button, input and
// select has an accessible name as Chromium computes it; keyboard focus is
// visible; each figure's readout is an aria-live region.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { startSite, launch, watch, chromiumAvailable } = require('./lib/site');

const skip = chromiumAvailable() ? false : 'chromium missing';
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

test('accessibility', { skip, timeout: 180_000 }, async (t) => {
  const site = await startSite();
  const browser = await launch();
  t.after(() => browser.close());
  const pages = [...site.paths(), site.base + 'no-such-page/'];

  for (const scheme of ['light', 'dark']) {
    await t.test(`axe-core, ${scheme}`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: scheme });
      const page = await context.newPage();
      const found = [], minor = new Map();
      for (const p of pages) {
        await page.goto(site.origin + p);
        await page.evaluate(AXE);
        const r = await page.evaluate(() => window.axe.run(document, {
          resultTypes: ['violations'],
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
        }));
        for (const v of r.violations) {
          const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
          if (v.impact === 'serious' || v.impact === 'critical') {
            found.push(`${p} [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length}×: ${where})`);
          } else {
            minor.set(v.id, (minor.get(v.id) || 0) + v.nodes.length);
          }
        }
      }
      for (const [id, n] of minor) t.diagnostic(`${scheme}: minor/moderate ${id} on ${n} node(s)`);
      t.diagnostic(`${scheme}: ${pages.length} pages, ${found.length} serious/critical violations`);
      assert.deepEqual(found, [], found.join('\n'));
      await context.close();
    });
  }

  await t.test('every control has an accessible name', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watch(page);
    const cdp = await context.newCDPSession(page);
    const ROLES = new Set(['button', 'slider', 'combobox', 'textbox', 'checkbox', 'spinbutton', 'listbox', 'radio', 'switch', 'searchbox', 'menuitem', 'link']);
    const unnamed = [];
    let checked = 0;
    for (const p of site.paths()) {
      await page.goto(site.origin + p);
      // Every figure set up first; controls inside a closed disclosure (a
      // live figure's settings) are not shown, so not counted.
      await page.waitForFunction(() => [...document.querySelectorAll('figure.landscape')].every((f) => f.classList.contains('landscape-live')));
      const dom = await page.evaluate(() => [...document.querySelectorAll('button, input, select, textarea')]
        .filter((e) => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden' && !e.closest('details:not([open])')).length);
      const { nodes } = await cdp.send('Accessibility.getFullAXTree');
      let controls = 0;
      for (const n of nodes) {
        const role = n.role && n.role.value;
        if (n.ignored || !ROLES.has(role)) continue;
        if (role !== 'link') controls++;
        const name = n.name && String(n.name.value || '').trim();
        if (!name) unnamed.push(`${p}: a ${role} without a name (backend node ${n.backendDOMNodeId})`);
      }
      if (controls < dom) unnamed.push(`${p}: ${dom} visible form controls but ${controls} in the accessibility tree`);
      checked += controls;
    }
    assert.deepEqual(unnamed, [], unnamed.join('\n'));
    assert.deepEqual(problems, []);
    t.diagnostic(`${checked} controls named`);
    await context.close();
  });

  await t.test('focus is visible; the readout is aria-live', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(site.url('math/momentum/'));
    const fig = page.locator('figure.landscape').first();
    await fig.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector('figure.landscape.landscape-live'));
    const ring = () => page.evaluate(() => {
      const e = document.activeElement, s = getComputedStyle(e);
      return { tag: e.tagName.toLowerCase(), label: e.getAttribute('aria-label'), style: s.outlineStyle,
        width: parseFloat(s.outlineWidth), color: s.outlineColor, visible: e.matches(':focus-visible') };
    });
    // Tab from the figure: the keyboard reaches the first button.
    await fig.focus();
    let r = await ring();
    assert.equal(r.tag, 'figure');
    assert.ok(r.style !== 'none' && r.width >= 2, `focused figure outline: ${JSON.stringify(r)}`);
    await page.keyboard.press('Tab');
    r = await ring();
    assert.equal(r.tag, 'button', 'Tab from the figure reaches its first button');
    assert.ok(r.visible, ':focus-visible applies');
    assert.ok(r.style !== 'none' && r.width >= 2, `focused button outline: ${JSON.stringify(r)}`);
    assert.notEqual(r.color, 'rgba(0, 0, 0, 0)');
    // The ring is drawn: the focused button's pixels differ from the unfocused ones.
    const btn = page.locator(':focus');
    const box = await btn.boundingBox();
    const clip = { x: box.x - 6, y: box.y - 6, width: box.width + 12, height: box.height + 12 };
    const focused = await page.screenshot({ clip });
    await page.evaluate(() => document.activeElement.blur());
    const plain = await page.screenshot({ clip });
    assert.ok(!focused.equals(plain), 'focus ring changes the pixels around the button');
    // The skip link is the first Tab stop of a fresh page and shows on focus.
    await page.goto(site.url('math/momentum/'));
    await page.keyboard.press('Tab');
    const skipLink = await page.evaluate(() => {
      const e = document.activeElement, b = e.getBoundingClientRect();
      return { cls: e.className, top: b.top, bottom: b.bottom };
    });
    assert.equal(skipLink.cls, 'skip-link', 'the first Tab reaches the skip link');
    assert.ok(skipLink.bottom > 0, 'the focused skip link is on screen');

    // Each figure is set up in a task of its own (landscape.js): wait for
    // the last, or the check races the page.
    await page.waitForFunction(() => [...document.querySelectorAll('figure.landscape')]
      .every((f) => f.classList.contains('landscape-live')));
    const live = await page.evaluate(() => [...document.querySelectorAll('figure.landscape')].map((f) => {
      const r = f.querySelector('.landscape-readout');
      return { id: f.id, live: r && r.getAttribute('aria-live'), text: r && r.textContent };
    }));
    for (const l of live) {
      assert.ok(['polite', 'assertive'].includes(l.live), `${l.id}: readout aria-live=${l.live}`);
      assert.match(l.text, /Step \d+ \/ \d+/, `${l.id}: readout filled`);
    }
    await context.close();
  });
});
