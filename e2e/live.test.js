'use strict';
// The live figures' controls and addresses (layouts/static/live.js) on the
// sample course: every setting control recomputes without an error, and an
// address a reader was sent (?fig=…) cannot break or freeze a figure.
const test = require('node:test');
const assert = require('node:assert/strict');
const { startSite, launch, watch, figures, chromiumAvailable } = require('./lib/site');

const skip = chromiumAvailable() ? false : 'chromium missing';

async function open(browser, site, fig, query = '') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(site.origin + fig.path + query);
  const loc = page.locator('#' + fig.id);
  await page.waitForFunction((id) => document.getElementById(id).classList.contains('landscape-live'), fig.id, { timeout: 10_000 });
  return { context, page, loc, problems };
}

// responsive is true when the page answers a script within ms.
function responsive(page, ms) {
  return Promise.race([page.evaluate(() => true), new Promise((r) => setTimeout(() => r(false), ms))]);
}

function runs(loc) {
  return loc.evaluate((f) => [...f.querySelectorAll('.landscape-readout-run')].map((e) => ({
    x: e.dataset.x, y: e.dataset.y, loss: e.dataset.loss, text: e.textContent })));
}

test('live figure controls and addresses', { skip, timeout: 120_000 }, async (t) => {
  const site = await startSite();
  const browser = await launch();
  t.after(() => browser.close());
  const all = figures(site);
  const saddle = all.find((f) => f.path.endsWith('/concepts/saddle-points/') && f.id === 'three-starts-near-the-saddle-of-x-y');
  const grid = all.find((f) => f.path.endsWith('/practice/grid-search/') && f.id === 'grid-search-on-himmelblau-s-function-with-three-shrink-factors');
  const shared = all.find((f) => f.path.endsWith('/math/momentum/'));
  assert.ok(saddle && grid && shared, 'the sample course has the saddle, grid-search and momentum figures');

  await t.test('a checkbox setting (maximize) recomputes the run', async () => {
    const { context, loc, problems } = await open(browser, site, saddle);
    await loc.locator('summary').click();
    const before = await runs(loc);
    await loc.locator('input[type=checkbox][id$="-r1-maximize"]').check();
    await loc.page().waitForFunction((id) => /maximize/.test(document.querySelector('#' + id + ' .landscape-readout-run').textContent), saddle.id, { timeout: 5000 }).catch(() => {});
    const after = await runs(loc);
    assert.deepEqual(problems, []);
    assert.match(after[0].text, /maximize/, 'the readout names the changed setting');
    assert.notEqual(after[0].x, before[0].x, 'gradient ascent from (-2, 0) moves away from the saddle');
    await context.close();
  });

  await t.test('grid-search points: a huge value in the address does not freeze the tab', async () => {
    const q = `?fig=${grid.id}&points=100000#${grid.id}`;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watch(page);
    page.goto(site.origin + grid.path + q).catch(() => {});
    await page.waitForTimeout(1500);
    assert.ok(await responsive(page, 5000), 'the page answers within 5 s');
    const r = await runs(page.locator('#' + grid.id));
    assert.ok(r.length > 0 && !r.some((x) => /points=100000/.test(x.text)), 'the address\'s points=100000 is not taken');
    assert.deepEqual(problems, []);
    await context.close();
  });

  await t.test('grid-search points: the slider gives whole numbers from 1 to 25', async () => {
    const { context, loc, problems } = await open(browser, site, grid);
    await loc.locator('summary').click();
    const slider = loc.locator('input[data-setting="points"]').first();
    const seen = [];
    for (const v of ['0', '517', '1000']) {
      await slider.evaluate((el, v) => { el.value = v; el.dispatchEvent(new Event('input', { bubbles: true })); }, v);
      seen.push(Number(await slider.evaluate((el) => el.nextElementSibling.value)));
    }
    assert.deepEqual(problems, []);
    for (const p of seen) assert.ok(Number.isInteger(p) && p >= 1 && p <= 25, `points ${p} is a whole number from 1 to 25 (${seen})`);
    await context.close();
  });

  // optim takes radius, shrink, eta_plus and step_max greater than 0,
  // eta_minus less than 1 and weight_decay at least 0; a slider at either
  // end, or an address, must not give the page a run the build refuses.
  const slide = (slider, v) => slider.evaluate((el, v) => {
    el.value = v; el.dispatchEvent(new Event('input', { bubbles: true }));
    return Number(el.nextElementSibling.value);
  }, v);
  await t.test('a slider ends at values the build takes (radius, shrink, eta_plus, step_max > 0; eta_minus < 1)', async () => {
    let { context, loc, problems } = await open(browser, site, grid);
    await loc.locator('summary').click();
    for (const name of ['radius', 'shrink']) {
      const got = await slide(loc.locator(`input[data-setting="${name}"]`).first(), '0');
      assert.ok(got > 0, `${name} at the slider's left end is ${got}, not greater than 0`);
    }
    assert.ok(!(await runs(loc)).some((r) => /\b(radius|shrink)=(0|-[\d.e]+)[,)]/.test(r.text)), (await runs(loc)).map((r) => r.text).join('\n'));
    assert.deepEqual(problems, []);
    await context.close();
    ({ context, loc, problems } = await open(browser, site, saddle));
    await loc.locator('summary').click();
    await loc.locator(`select[id$="-r1-optimizer"]`).selectOption('rprop');
    for (const [name, v] of [['eta_plus', '0'], ['step_max', '0'], ['eta_minus', '1000']]) {
      const got = await slide(loc.locator(`input[data-setting="${name}"][data-run="1"]`), v);
      if (name === 'eta_minus') assert.ok(got >= 0 && got < 1, `eta_minus at the slider's right end is ${got}, not less than 1`);
      else assert.ok(got > 0, `${name} at the slider's left end is ${got}, not greater than 0`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  await t.test('an address\'s setting the build refuses is ignored', async () => {
    for (const [fig, q, bad] of [
      [grid, 'r1.radius=0&r1.shrink=-1', /\b(radius=0|shrink=-1)[,)]/],
      [saddle, 'r1.optimizer=rprop&r1.eta_plus=0&r1.step_max=-5&r1.eta_minus=1', /\b(eta_plus=0|step_max=-5|eta_minus=1)[,)]/],
      [saddle, 'weight_decay=-1', /\bweight_decay=-1[,)]/],
    ]) {
      const { context, loc, problems } = await open(browser, site, fig, `?fig=${fig.id}&${q}`);
      const r = await runs(loc);
      assert.deepEqual(problems, [], q);
      assert.ok(r.length > 0 && !r.some((x) => bad.test(x.text)), `${q}: ${r.map((x) => x.text).join('; ')}`);
      await context.close();
    }
  });

  // An address names one figure (fig=); a setting without rN. is that
  // figure's, for every run of it that has the setting. Changing another
  // figure of the page, or the setting itself, must not leave it behind.
  await t.test('a setting without rN. in the address stays with its figure', async () => {
    const [, other] = all.filter((f) => f.path === saddle.path);
    const q = `?fig=${saddle.id}&maximize=true#${saddle.id}`;
    let { context, loc, page, problems } = await open(browser, site, saddle, q);
    await page.waitForFunction((id) => document.getElementById(id).classList.contains('landscape-live'), other.id);
    const B = page.locator('#' + other.id);
    assert.ok((await runs(loc)).every((r) => /maximize=true/.test(r.text)), 'maximize=true applies to every run of its figure');
    assert.ok(!(await runs(B)).some((r) => /maximize/.test(r.text)), 'and to no run of the other figure');
    // A change to the other figure: the address is now that figure's.
    await B.locator('summary').click();
    await slide(B.locator('input[data-setting="lr"][data-run="1"]'), '600');
    await page.waitForFunction((id) => new URL(location.href).searchParams.get('fig') === id, other.id);
    await page.reload();
    await page.waitForFunction((id) => document.getElementById(id).classList.contains('landscape-live'), other.id);
    let r = await runs(B);
    assert.match(r[0].text, /lr=/, 'the other figure\'s change is restored');
    assert.ok(!r.some((x) => /maximize/.test(x.text)), `the first figure's maximize=true is not the other's: ${page.url()}\n${r.map((x) => x.text).join('\n')}`);
    assert.deepEqual(problems, []);
    await context.close();
    // Unticking it for one run of its own figure: that run stays unticked.
    ({ context, loc, page, problems } = await open(browser, site, saddle, q));
    await loc.locator('summary').click();
    await loc.locator('input[type=checkbox][id$="-r1-maximize"]').uncheck();
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('r1.maximize'));
    await page.reload();
    await page.waitForFunction((id) => document.getElementById(id).classList.contains('landscape-live'), saddle.id);
    r = await runs(loc);
    assert.ok(!/maximize/.test(r[0].text) && /maximize=true/.test(r[1].text), `${page.url()}\n${r.map((x) => x.text).join('\n')}`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  await t.test('an optimizer name from Object.prototype in the address is ignored', async () => {
    for (const name of ['toString', 'constructor', '__proto__']) {
      const { context, loc, problems } = await open(browser, site, saddle, `?fig=${saddle.id}&r1.optimizer=${name}`);
      const r = await runs(loc);
      assert.deepEqual(problems, [], name);
      assert.equal(r.length, 3, `${name}: the readout shows the three runs`);
      await context.close();
    }
  });

  await t.test('Move start, pressed twice, puts the note back', async () => {
    const { context, loc, page, problems } = await open(browser, site, shared);
    const note = loc.locator('.landscape-livebar .landscape-livenote');
    const first = await note.textContent();
    const move = loc.locator('button[data-action="move-start"]');
    await move.click();
    assert.match(await note.textContent(), /Arrow keys move the start/);
    await move.click();
    assert.equal(await note.textContent(), first, 'the note no longer says the arrow keys move the start');
    await move.click();
    await page.keyboard.press('Escape');
    assert.equal(await note.textContent(), first, 'Escape puts the note back too');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
