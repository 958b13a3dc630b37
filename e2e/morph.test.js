'use strict';
// reload.js's morph on synthetic pages: after a swap the live <main> is the
// new page's <main>, but for what the reader changes and the morph keeps
// (a figure's own DOM, an answer left open), and a figure the edit did not
// touch is the same node. The page's reload.js is the theme's, with its
// swap exposed and its event stream cut, so a test decides when it swaps
// and what the server's page is then. (Written from an adversarial review
// of the morph; each case failed on a version of it.)
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, launch, chromiumAvailable } = require('./lib/site');

function reloadJS() {
  const src = fs.readFileSync(path.join(ROOT, 'layouts/static/reload.js'), 'utf8');
  const out = src.replace('"use strict";', '"use strict";\n  window.__swap = function () { return swap(); };');
  if (out === src) throw new Error('reload.js: no "use strict" to hook');
  return out;
}

// hook serves reload.js and cuts the event stream on a page; pages maps a
// URL to the HTML served for it now (a test changes it before a swap).
async function hook(page, pages = {}) {
  const js = reloadJS();
  await page.route('**/reload.js', (r) => r.fulfill({ contentType: 'application/javascript', body: js }));
  await page.route('**/_descent/events', (r) => r.fulfill({ status: 204 }));
  await page.route('**/*', (r) => {
    const u = r.request().url();
    if (u in pages) return r.fulfill({ contentType: 'text/html; charset=utf-8', body: pages[u] });
    return r.fallback();
  });
  return pages;
}

const URL = 'http://t.test/p/';
const page = (body, nav = '<ol><li><a href="/a/">A</a></li></ol>') => `<!doctype html>
<html><head><title>T</title>
<script>window.__inits = []; window.DescentFigures = function (el) { window.__inits.push(el); };</script>
<script src="/reload.js" defer></script></head>
<body><nav class="site-nav" id="site-nav">${nav}</nav>
<main id="main" tabindex="-1">${body}</main></body></html>`;

async function swapTo(p, pages, html) {
  pages[URL] = html;
  await p.evaluate(() => { window.__notReloaded = true; });
  await p.evaluate(() => window.__swap());
  assert.equal(await p.evaluate(() => window.__notReloaded), true, 'swapped, not reloaded');
  // what the server's <main> parses to
  return p.evaluate((h) => {
    const want = new DOMParser().parseFromString(h, 'text/html').getElementById('main').outerHTML;
    return { got: document.getElementById('main').outerHTML, want };
  }, html);
}

test('morph', { skip: chromiumAvailable() ? false : 'chromium missing', timeout: 60_000 }, async (t) => {
  const browser = await launch();
  t.after(() => browser.close());
  // open shows body as the server's page in a new tab.
  async function open(body) {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    const pages = await hook(p, { [URL]: page(body) });
    await p.goto(URL);
    return { ctx, p, pages };
  }

  const pairs = [
    ['edit a paragraph', '\n<p>one</p>\n<p>two</p>\n<p>three</p>\n', '\n<p>one</p>\n<p>TWO</p>\n<p>three</p>\n'],
    ['insert at start', '\n<p>one</p>\n<p>two</p>\n', '\n<p>zero</p>\n<p>one</p>\n<p>two</p>\n'],
    ['delete in the middle', '\n<p>one</p>\n<p>two</p>\n<p>three</p>\n', '\n<p>one</p>\n<p>three</p>\n'],
    ['reorder', '<p>a</p><p>b</p><p>c</p>', '<p>c</p><p>a</p><p>b</p>'],
    ['repeated nodes', '<hr><p>x</p><hr><p>x</p><hr>', '<p>x</p><hr><hr><p>y</p><p>x</p>'],
    ['comments', '<!-- a --><p>x</p><!-- b -->', '<!-- b --><p>x</p><!-- a -->'],
    ['whitespace only', '<p>a b</p>\n\n<p>c</p>', '<p>a  b</p>\n<p>c</p>\n'],
    ['text to element', 'plain<p>x</p>', '<em>plain</em><p>x</p>'],
    ['nested edits two deep', '<article><div class="content"><ul><li>a</li><li>b</li></ul><p>q</p></div></article>',
      '<article><div class="content"><ul><li>a</li><li>B</li><li>c</li></ul><p>q</p></div></article>'],
    ['attributes', '<p class="a" id="x">t</p>', '<p class="b" title="t">t</p>'],
    ['everything gone', '<p>a</p><p>b</p>', ''],
    ['from empty', '', '<p>a</p>'],
    ['table', '<table><tr><td>1</td><td>2</td></tr></table>', '<table><tr><td>1</td><td>3</td></tr><tr><td>4</td></tr></table>'],
    ['pre leading newline', '<pre>\nx</pre>', '<pre>\ny</pre>'],
  ];
  for (const [name, a, b] of pairs) {
    await t.test(name, async () => {
      const { ctx, p, pages } = await open(a);
      const { got, want } = await swapTo(p, pages, page(b));
      assert.equal(got, want);
      await ctx.close();
    });
  }

  // An exercise's answer (<details class="answer">) the reader opened
  // stays open when the author edits anything else, or the answer itself.
  await t.test('an open answer stays open across an edit elsewhere', async () => {
    const ex = '<details class="answer" id="ex-1-answer"><summary>Answer to exercise 1</summary><p>42</p></details>';
    const a = `<article><div class="content">\n<p>Intro.</p>\n<p>Question?</p>\n${ex}\n<p>Outro.</p>\n</div></article>`;
    const b = a.replace('Intro.', 'Intro, edited.');
    const { ctx, p, pages } = await open(a);
    await p.click('summary'); // the reader opens the answer
    assert.equal(await p.evaluate(() => document.querySelector('details').open), true);
    const { got, want } = await swapTo(p, pages, page(b));
    assert.equal(got.replace(' open=""', ''), want, 'the page is the new one, modulo open');
    assert.equal(await p.evaluate(() => document.querySelector('details').open), true, 'the answer the reader opened is still open');
    await ctx.close();
  });

  await t.test('an open answer beside a figure: both kept across an edit', async () => {
    const ex = '<details class="answer"><summary>Answer</summary><p>42</p></details>';
    const fig = '<figure data-digest="1-1" class="landscape" id="f"><p>fig</p></figure>';
    const a = `<article><div class="content">\n<p>Intro.</p>\n<section>${ex}\n${fig}</section>\n<p>Outro.</p>\n</div></article>`;
    const b = a.replace('Outro.', 'Outro, edited.');
    const { ctx, p, pages } = await open(a);
    await p.click('summary');
    await p.evaluate(() => { document.querySelector('figure').__probe = true; });
    const { got, want } = await swapTo(p, pages, page(b));
    assert.equal(got.replace(' open=""', ''), want, 'the page is the new one, modulo open');
    assert.deepEqual(await p.evaluate(() => [document.querySelector('details').open, !!document.querySelector('figure').__probe]), [true, true],
      'the answer stays open and the figure is the same node');
    await ctx.close();
  });

  await t.test('an open answer stays open when its own text is edited', async () => {
    const a = '<article><div class="content"><details class="answer"><summary>Answer</summary><p>42</p></details></div></article>';
    const b = a.replace('42', '43');
    const { ctx, p, pages } = await open(a);
    await p.click('summary');
    await swapTo(p, pages, page(b));
    assert.equal(await p.evaluate(() => document.querySelector('details').open), true, 'still open');
    await ctx.close();
  });

  // A figure, compared by its digest, keeps its live DOM; the nodes around it
  // are the server's.
  await t.test('a figure kept by its digest, an edit beside it', async () => {
    const fig = (d, text) => `<figure data-digest="${d}" class="landscape" id="f"><p>${text}</p></figure>`;
    const a = `<div class="content">\n<p>Before.</p>\n${fig('1-1', 'fig')}\n<p>After.</p>\n</div>`;
    const b = a.replace('Before.', 'Before, edited.').replace('After.', 'After, edited.');
    const { ctx, p, pages } = await open(a);
    await p.evaluate(() => { const f = document.querySelector('figure'); f.__probe = true; f.classList.add('landscape-live'); });
    const { got, want } = await swapTo(p, pages, page(b));
    assert.equal(got.replace(' landscape-live', ''), want);
    assert.equal(await p.evaluate(() => document.querySelector('figure').__probe), true, 'the figure is the same node');
    await ctx.close();
  });
  // Edits on both sides of a figure: a line break must not be matched with
  // the one past the figure, which would take the figure out.
  // The server sends the figures the tab has as stubs (X-Descent-Keep);
  // swapped around, the morph cannot match them with the tab's own, and
  // the page is loaded whole instead of showing an empty figure.
  await t.test('stubs of figures moved past each other: a reload', async () => {
    const fig = (d, text) => `<figure data-digest="${d}" class="landscape"><p>${text}</p></figure>`;
    const stub = (d) => `<figure data-digest="${d}" data-descent-stub></figure>`;
    const a = `<p>x</p>${fig('1-1', 'one')}${fig('2-2', 'two')}`;
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    const pages = await hook(p, { [URL]: page(a) });
    await p.goto(URL);
    const asked = [];
    await p.route(URL, (r) => {
      const keep = r.request().headers()['x-descent-keep'];
      asked.push(keep || '');
      const body = keep ? `<p>y</p>${stub('2-2')}${stub('1-1')}` : `<p>y</p>${fig('2-2', 'two')}${fig('1-1', 'one')}`;
      return r.fulfill({ contentType: 'text/html; charset=utf-8', body: page(body) });
    });
    await p.evaluate(() => { window.__marker = true; window.__swap(); });
    await p.waitForFunction(() => !window.__marker && document.readyState === 'complete');
    assert.deepEqual(asked.map((k) => k.split(' ').sort().join(' ')), ['1-1 2-2', '']);
    assert.equal(await p.evaluate(() => document.querySelectorAll('[data-descent-stub]').length), 0);
    assert.deepEqual(await p.evaluate(() => [...document.querySelectorAll('figure p')].map((e) => e.textContent)), ['two', 'one']);
    assert.ok(pages);
    await ctx.close();
  });
  // The stubs where the tab's figures are: kept, the same nodes.
  await t.test('stubs in place keep the figures', async () => {
    const fig = (d, text) => `<figure data-digest="${d}" class="landscape"><p>${text}</p></figure>`;
    const stub = (d) => `<figure data-digest="${d}" data-descent-stub></figure>`;
    const { ctx, p, pages } = await open(`<p>x</p>${fig('1-1', 'one')}<p>m</p>${fig('2-2', 'two')}`);
    await p.evaluate(() => { document.querySelectorAll('figure').forEach((f, i) => { f.__probe = i; }); });
    const { got } = await swapTo(p, pages, page(`<p>y</p>${stub('1-1')}<p>n</p>${stub('2-2')}`));
    assert.equal(got, `<main id="main" tabindex="-1"><p>y</p>${fig('1-1', 'one')}<p>n</p>${fig('2-2', 'two')}</main>`);
    assert.deepEqual(await p.evaluate(() => [...document.querySelectorAll('figure')].map((f) => f.__probe)), [0, 1]);
    await ctx.close();
  });
  await t.test('a figure between two edits is kept', async () => {
    const fig = '<figure data-digest="1-1" class="landscape" id="f"><p>fig</p></figure>';
    const a = `<div class="content"><p>One two.</p>\n${fig}\n<p>After.</p></div>`;
    const b = `<div class="content"><p>One.</p>\n<p>Two.</p>\n${fig}\n<p>After, edited.</p></div>`;
    const { ctx, p, pages } = await open(a);
    await p.evaluate(() => { document.querySelector('figure').__probe = true; });
    const { got, want } = await swapTo(p, pages, page(b));
    assert.equal(got, want);
    assert.equal(await p.evaluate(() => document.querySelector('figure').__probe), true, 'the figure is the same node');
    await ctx.close();
  });
});
