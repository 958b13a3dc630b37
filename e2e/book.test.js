'use strict';
// The nested test book (lesson/testdata/book.txtar) in Chromium: the
// sidebar opens the path to the page, the breadcrumbs name every section
// around it, previous/next walk the lessons depth first, and every link
// of every page, with its #anchor, resolves. Screenshots of two lessons at
// 1366×768 and 390 px, light and dark, go to DESCENT_SHOTS (book-*.png).
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { startBook, launch, watch, shotsDir, chromiumAvailable } = require('./lib/site');

const skip = chromiumAvailable() ? false : 'chromium missing';

test('book navigation', { skip, timeout: 120_000 }, async (t) => {
  const site = await startBook();
  const browser = await launch();
  t.after(() => browser.close());
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  const problems = watch(page);

  await page.goto(site.url('foundations/gradients/gd/'));
  const crumbs = await page.locator('nav.breadcrumb a').allTextContents();
  assert.deepEqual(crumbs, ['Foundations', 'Gradients']);
  const current = page.locator('.site-nav [aria-current="page"]');
  assert.equal(await current.textContent(), 'Gradient descent');
  assert.ok(await current.isVisible(), 'the sidebar shows the page');
  assert.equal(await page.locator('.site-nav .nav-sub.open > a').textContent(), 'Gradients');
  // The other chapter is closed: its lessons are not listed.
  assert.equal(await page.locator('.site-nav a', { hasText: 'Adam' }).count(), 0);

  // Next and previous walk the lessons depth first across sections.
  const order = ['preface/', 'foundations/loss/', 'foundations/gradients/gd/', 'foundations/gradients/momentum/', 'adaptive/adam/'];
  await page.goto(site.url(order[0]));
  for (const want of order.slice(1)) {
    await page.click('a.pager-next');
    assert.equal(page.url(), site.url(want));
  }
  for (const want of order.slice(0, -1).reverse()) {
    await page.click('a.pager-prev');
    assert.equal(page.url(), site.url(want));
  }

  // Every link of every page leads to a page that exists and to an
  // element with its #anchor.
  const bad = [];
  for (const p of site.paths()) {
    await page.goto(site.origin + p);
    const links = await page.evaluate(() => [...document.querySelectorAll('main a[href]')].map((a) => a.href));
    for (const href of links) {
      const u = new URL(href);
      if (u.origin !== site.origin) continue;
      const res = await page.request.get(href);
      if (res.status() !== 200) { bad.push(`${p}: ${href} is ${res.status()}`); continue; }
      if (u.hash) {
        const html = await res.text();
        if (!html.includes(`id="${decodeURIComponent(u.hash.slice(1))}"`)) bad.push(`${p}: ${href} has no such id`);
      }
    }
  }
  assert.deepEqual(bad, []);
  // The numbered references read as built.
  await page.goto(site.url('foundations/gradients/momentum/'));
  await page.click('a.xref');
  assert.equal(page.url(), site.url('foundations/gradients/gd/#eq-step'));
  assert.ok(await page.locator('#eq-step').isVisible());
  // Clicking through pages quickly aborts a page's deferred scripts as
  // it is left: not a fault of the page.
  assert.deepEqual(problems.filter((p) => !p.endsWith('net::ERR_ABORTED')), []);
});

test('book screenshots', { skip, timeout: 120_000 }, async (t) => {
  const site = await startBook();
  const browser = await launch();
  t.after(() => browser.close());
  const dir = shotsDir();
  const overflow = [];
  for (const scheme of ['light', 'dark']) {
    for (const [width, height] of [[1366, 768], [390, 844]]) {
      const mobile = width < 600;
      const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme, isMobile: mobile, hasTouch: mobile });
      const page = await context.newPage();
      for (const [name, p] of [['loss', 'foundations/loss/'], ['gd', 'foundations/gradients/gd/'], ['momentum', 'foundations/gradients/momentum/']]) {
        await page.goto(site.url(p));
        await page.evaluate(() => document.fonts.ready);
        await page.screenshot({ path: path.join(dir, `book-${name}-${width}-${scheme}.png`), fullPage: true });
        const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
        if (wide) overflow.push(`${p} at ${width} px (${scheme})`);
      }
      await context.close();
    }
  }
  assert.deepEqual(overflow, [], 'pages that scroll sideways');
});
