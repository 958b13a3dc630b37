'use strict';
// Every page of the sample course loads with no console error, no uncaught
// exception, no failed request and no response >= 400; the crawl from the
// home page reaches exactly the sitemap's pages; in-page links hit an id.
const test = require('node:test');
const assert = require('node:assert/strict');
const { startSite, launch, watch, chromiumAvailable } = require('./lib/site');

const skip = chromiumAvailable() ? false : 'chromium missing';

test('pages', { skip, timeout: 120_000 }, async (t) => {
  const site = await startSite();
  const browser = await launch();
  t.after(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();

  const inSite = (u) => u.origin === site.origin && u.pathname.startsWith(site.base);
  const seen = new Set();
  const queue = [site.url()];
  const failures = [];
  while (queue.length) {
    const url = queue.shift();
    if (seen.has(url)) continue;
    seen.add(url);
    const problems = watch(page);
    const res = await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(50); // a late deferred-script error still counts
    page.removeAllListeners('console'); page.removeAllListeners('pageerror');
    page.removeAllListeners('requestfailed'); page.removeAllListeners('response');
    if (!res || res.status() !== 200) problems.push(`page status ${res && res.status()}`);
    const info = await page.evaluate(() => ({
      links: [...document.querySelectorAll('a[href]')].map((a) => a.href),
      badAnchors: [...document.querySelectorAll('a[href^="#"]')]
        .map((a) => decodeURIComponent(a.getAttribute('href').slice(1)))
        .filter((id) => id && !document.getElementById(id)),
      title: document.title,
      h1: document.querySelectorAll('h1').length,
      lang: document.documentElement.lang,
    }));
    if (info.badAnchors.length) problems.push(`links to missing ids: ${info.badAnchors.join(', ')}`);
    if (!info.title) problems.push('empty <title>');
    if (info.h1 !== 1) problems.push(`${info.h1} <h1> elements`);
    if (!info.lang) problems.push('no <html lang>');
    if (problems.length) failures.push(`${url}\n  ${problems.join('\n  ')}`);
    for (const href of info.links) {
      const u = new URL(href);
      u.hash = '';
      if (inSite(u) && !seen.has(u.href)) queue.push(u.href);
    }
  }
  const expected = site.paths().map((p) => site.origin + p);
  const crawled = [...seen];
  assert.deepEqual(failures, [], 'pages with problems:\n' + failures.join('\n'));
  assert.deepEqual(expected.filter((u) => !seen.has(u)), [], 'sitemap pages no link reaches');
  assert.deepEqual(crawled.filter((u) => !expected.includes(u)), [], 'linked pages missing from the sitemap');
  t.diagnostic(`${crawled.length} pages crawled, all clean`);
});

test('404 page', { skip, timeout: 60_000 }, async (t) => {
  const site = await startSite();
  const browser = await launch();
  t.after(() => browser.close());
  const page = await (await browser.newContext()).newPage();
  for (const missing of ['no-such-page/', 'concepts/no-such-lesson/', 'a/b/c/d.html']) {
    const problems = watch(page);
    const res = await page.goto(site.url(missing));
    page.removeAllListeners();
    assert.equal(res.status(), 404, missing);
    // The document's own 404 (and Chromium's console line about it) is the
    // point; every subresource must still load.
    const others = problems.filter((p) => !p.includes(site.url(missing)) &&
      !/Failed to load resource: the server responded with a status of 404/.test(p));
    assert.deepEqual(others, [], `${missing}: subresource problems`);
    const styled = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    assert.match(styled, /system-ui/, `${missing}: style.css did not apply`);
    const home = await page.locator('header .site-title').getAttribute('href');
    const target = new URL(home, page.url()).href;
    const r = await page.request.get(target);
    assert.equal(r.status(), 200, `${missing}: the header link ${home} leads nowhere`);
  }
});
