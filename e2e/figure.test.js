'use strict';
// The step-through controls of a landscape figure (layouts/static/landscape.js):
// the buttons, the step slider, play/pause and the arrow keys move the step
// marker (circle.marker cx/cy) and change the readout; a sweep slider
// switches the visible run; keys do nothing while the figure lacks focus.
const test = require('node:test');
const assert = require('node:assert/strict');
const { startSite, launch, watch, figures, chromiumAvailable } = require('./lib/site');

const skip = chromiumAvailable() ? false : 'chromium missing';

// snapshot reads what a reader sees of a figure.
function snapshot(fig) {
  return fig.evaluate((f) => {
    const shown = (el) => el.getBoundingClientRect().width > 0 && getComputedStyle(el).display !== 'none';
    const pos = (c) => c.getAttribute('cx') + ',' + c.getAttribute('cy');
    const runs = [...f.querySelectorAll('.landscape-main g.run')];
    const m = /Step (\d+) \/ (\d+)/.exec(f.querySelector('.landscape-readout').textContent);
    return {
      main: runs.filter(shown).map((g) => pos(g.querySelector('circle.marker'))).join(' '),
      all: [...f.querySelectorAll('circle.marker')].map(pos).join(' '),
      readout: f.querySelector('.landscape-readout').textContent,
      step: m ? +m[1] : NaN, N: m ? +m[2] : NaN,
      slider: +f.querySelector('input.landscape-step').value,
      runs: runs.filter(shown).map((g) => g.getAttribute('data-run')).join(','),
      legend: [...f.querySelectorAll('.landscape-legend .legend-item')].filter(shown).map((g) => g.getAttribute('data-run')).join(','),
      rows: [...f.querySelectorAll('tbody tr')].filter((r) => !r.hidden).map((r) => r.getAttribute('data-run')).join(','),
      playing: f.classList.contains('is-playing'),
      playLabel: f.querySelector('button[data-action="play"]').getAttribute('aria-label'),
    };
  });
}

async function open(browser, site, fig) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(site.origin + fig.path);
  const loc = page.locator('#' + fig.id);
  await loc.scrollIntoViewIfNeeded();
  await page.waitForFunction((id) => document.getElementById(id).classList.contains('landscape-live'), fig.id);
  return { context, page, loc, problems };
}

test('figure controls', { skip, timeout: 120_000 }, async (t) => {
  const site = await startSite();
  const browser = await launch();
  t.after(() => browser.close());
  const all = figures(site);
  const plain = all.find((f) => f.dim === 2 && f.sweeps === 0);
  const swept = all.find((f) => f.dim === 2 && f.sweeps > 0);
  assert.ok(plain && swept, 'the sample course has a 2-D figure with and without a sweep');

  await t.test(`buttons, slider, play, keys: ${plain.path}#${plain.id}`, async () => {
    const { context, page, loc, problems } = await open(browser, site, plain);
    const btn = (a) => loc.locator(`button[data-action="${a}"]`);
    const s0 = await snapshot(loc);
    assert.ok(await loc.locator('.landscape-controls').isVisible(), 'controls are shown once the script runs');
    assert.ok(s0.N > 1, 'readout shows "Step k / N"');
    assert.equal(s0.step, s0.N, 'the figure opens at the last step');

    await btn('first').click();
    const first = await snapshot(loc);
    assert.equal(first.step, 0);
    assert.equal(first.slider, 0);
    assert.notEqual(first.main, s0.main, 'First moves the marker to the start');
    assert.notEqual(first.readout, s0.readout);

    await btn('forward').click();
    const fwd = await snapshot(loc);
    assert.equal(fwd.step, 1);
    assert.notEqual(fwd.all, first.all, 'Step forward moves the markers');
    assert.notEqual(fwd.readout, first.readout);

    await btn('forward').click();
    await btn('back').click();
    const back = await snapshot(loc);
    assert.equal(back.step, 1, 'Step back');
    assert.equal(back.all, fwd.all, 'back then forward returns to the same marker');

    await btn('last').click();
    const last = await snapshot(loc);
    assert.equal(last.step, last.N);
    assert.equal(last.main, s0.main, 'Last returns to the end point');

    // The slider, by pointer: a click in its middle jumps to about N/2.
    const slider = loc.locator('input.landscape-step');
    const box = await slider.boundingBox();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const mid = await snapshot(loc);
    assert.ok(mid.step > mid.N / 4 && mid.step < mid.N * 3 / 4, `slider click went to step ${mid.step} of ${mid.N}`);
    assert.equal(mid.slider, mid.step);
    assert.notEqual(mid.main, last.main, 'the slider moves the marker');
    assert.notEqual(mid.readout, last.readout);
    // ... and by keyboard: the range input's own keys.
    await slider.focus();
    await page.keyboard.press('Home');
    assert.equal((await snapshot(loc)).step, 0, 'Home on the slider');
    await page.keyboard.press('ArrowRight');
    const k1 = await snapshot(loc);
    assert.equal(k1.step, 1, 'ArrowRight on the slider steps once, not twice');

    // Play runs from the start, Pause stops.
    await btn('first').click();
    await btn('play').click();
    await page.waitForFunction((id) => {
      const m = /Step (\d+)/.exec(document.querySelector('#' + id + ' .landscape-readout').textContent);
      return m && +m[1] >= 3;
    }, plain.id, { timeout: 5000 });
    const playing = await snapshot(loc);
    assert.ok(playing.playing, 'figure has class is-playing');
    assert.equal(playing.playLabel, 'Pause', 'the play button says Pause while playing');
    await btn('play').click();
    const paused = await snapshot(loc);
    assert.ok(!paused.playing);
    assert.equal(paused.playLabel, 'Play');
    assert.ok(paused.step >= 3 && paused.step < paused.N, `paused at ${paused.step}`);
    await page.waitForTimeout(300);
    assert.equal((await snapshot(loc)).all, paused.all, 'paused: the markers stay put');

    // Keys with the figure itself focused.
    await loc.focus();
    await page.keyboard.press('End');
    const end = await snapshot(loc);
    assert.equal(end.step, end.N, 'End');
    await page.keyboard.press('ArrowLeft');
    const left = await snapshot(loc);
    assert.equal(left.step, end.N - 1, 'ArrowLeft');
    assert.notEqual(left.all, end.all, 'ArrowLeft moves the marker');
    assert.notEqual(left.readout, end.readout);
    await page.keyboard.press('ArrowRight');
    assert.equal((await snapshot(loc)).step, end.N, 'ArrowRight');
    await page.keyboard.press('Home');
    const home = await snapshot(loc);
    assert.equal(home.step, 0, 'Home');
    assert.equal(home.main, first.main);
    await page.keyboard.press('Space');
    await page.waitForFunction((id) => document.getElementById(id).classList.contains('is-playing'), plain.id);
    await page.keyboard.press('Space');
    assert.ok(!(await snapshot(loc)).playing, 'Space pauses again');
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');

    // Keys do nothing when the figure is not focused.
    const before = await snapshot(loc);
    await page.evaluate(() => { document.activeElement.blur(); });
    assert.equal(await page.evaluate(() => document.activeElement === document.body), true, 'body has focus');
    for (const k of ['ArrowLeft', 'ArrowRight', 'Home', 'End', 'Space']) await page.keyboard.press(k);
    await page.waitForTimeout(200);
    const after = await snapshot(loc);
    assert.equal(after.all, before.all, 'keys outside the figure leave the marker');
    assert.equal(after.readout, before.readout);
    assert.ok(!after.playing);
    assert.deepEqual(problems, []);
    await context.close();
  });

  await t.test(`sweep slider: ${swept.path}#${swept.id}`, async () => {
    const { context, page, loc, problems } = await open(browser, site, swept);
    const s0 = await snapshot(loc);
    assert.ok(s0.runs.length > 0, 'some run is visible');
    const total = await loc.locator('.landscape-main g.run').count();
    assert.ok(s0.runs.split(',').length < total, 'a sweep shows one value at a time');
    assert.equal(s0.legend, s0.runs, 'the legend follows the visible runs');
    assert.equal(s0.rows, s0.runs, 'the table follows the visible runs');
    const sweep = loc.locator('input.landscape-sweep').first();
    const output = loc.locator('output[data-sweep]').first();
    const v0 = await output.textContent();
    await sweep.focus();
    await page.keyboard.press('ArrowRight');
    const s1 = await snapshot(loc);
    assert.notEqual(s1.runs, s0.runs, 'ArrowRight on the sweep slider shows another run');
    assert.equal(s1.legend, s1.runs);
    assert.equal(s1.rows, s1.runs);
    assert.notEqual(s1.readout, s0.readout, 'the readout names the new run');
    assert.notEqual(await output.textContent(), v0, 'the output shows the new value');
    assert.equal(s1.step, s0.step, 'switching runs keeps the step');
    // By pointer: the right end picks the last value.
    const box = await sweep.boundingBox();
    await page.mouse.click(box.x + box.width - 2, box.y + box.height / 2);
    const s2 = await snapshot(loc);
    assert.notEqual(s2.runs, s1.runs, 'a click at the end of the sweep slider switches again');
    assert.equal(await sweep.inputValue(), await sweep.getAttribute('max'));
    assert.deepEqual(problems, []);
    await context.close();
  });

  await t.test('every figure steps', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watch(page);
    const bad = [];
    for (const p of [...new Set(all.map((f) => f.path))]) {
      await page.goto(site.origin + p);
      for (const f of all.filter((x) => x.path === p)) {
        const loc = page.locator('#' + f.id);
        const live = await loc.evaluate((el) => el.classList.contains('landscape-live'));
        if (!live) { bad.push(`${p}#${f.id}: script did not start`); continue; }
        // A member of a parameter-sweep family shows only when its slider picks it.
        await loc.evaluate((el) => {
          const fam = el.closest('.landscape-family');
          if (!fam) return;
          const input = fam.querySelector('input.landscape-family-input');
          input.value = String([...fam.querySelectorAll(':scope > figure.landscape')].indexOf(el));
          input.dispatchEvent(new Event('input'));
        });
        const a = await snapshot(loc);
        await loc.locator('button[data-action="first"]').click();
        await loc.locator('button[data-action="forward"]').click();
        const b = await snapshot(loc);
        if (a.step !== a.N || b.step !== 1 || a.all === b.all || a.readout === b.readout) {
          bad.push(`${p}#${f.id}: ${JSON.stringify({ a: [a.step, a.N], b: b.step, moved: a.all !== b.all })}`);
        }
        if (/NaN|undefined/.test(b.readout)) bad.push(`${p}#${f.id}: readout "${b.readout}"`);
      }
    }
    assert.deepEqual(bad, []);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
