'use strict';
// Live reload under `descent serve` (cmd/serve + layouts/static/reload.js):
// editing a lesson reloads the open page with the new text (keeping the
// scroll position); a broken directive shows the error overlay with
// FILE:LINE; fixing it removes the overlay. Runs against a copy of content/.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const net = require('node:net');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { ROOT, goBin, launch, watch, chromiumAvailable, startSite } = require('./lib/site');

const LESSON = 'concepts/saddle-points'; // a lesson with a landscape block that sets steps:

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

// serveBinary compiles cmd/serve (the same code `go run ./cmd/serve` runs)
// so the test can start and stop one process, or says why it cannot.
function serveBinary(dir) {
  if (!fs.existsSync(path.join(ROOT, 'cmd/serve/main.go'))) return { why: 'cmd/serve/main.go does not exist yet' };
  const bin = path.join(dir, 'descent-serve');
  const r = spawnSync(goBin(), ['build', '-o', bin, './cmd/serve'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) return { why: `cmd/serve does not build (exit ${r.status}):\n${r.stderr || r.error || ''}` };
  return { bin };
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', (code, sig) => { clearTimeout(kill); resolve(code === null ? sig : code); });
    child.kill('SIGINT');
  });
}

test('live reload', { skip: chromiumAvailable() ? false : 'chromium missing', timeout: 150_000 }, async (t) => {
  await startSite(); // wait for the shared build: never two Go builds at once
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'descent-e2e-serve-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const { bin, why } = serveBinary(dir);
  if (!bin) { t.skip(`serve unavailable: ${why}`); return; }

  const content = path.join(dir, 'content');
  fs.cpSync(path.join(ROOT, 'content'), content, { recursive: true });
  const port = await freePort();
  let log = '';
  const child = spawn(bin, ['-addr', `127.0.0.1:${port}`, '-content', content], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  let exited = null;
  child.on('exit', (c, s) => { exited = c === null ? s : c; });
  const browser = await launch();
  t.after(async () => { await browser.close(); await stop(child); });
  const origin = `http://127.0.0.1:${port}`;
  const explain = () => `\n--- serve output ---\n${log}`;

  // Wait for the first build.
  for (let i = 0; ; i++) {
    if (exited !== null) assert.fail(`serve exited (${exited})` + explain());
    try { if ((await fetch(origin + '/')).status === 200) break; } catch { /* not listening yet */ }
    if (i > 600) assert.fail('serve did not answer within 60 s' + explain());
    await new Promise((r) => setTimeout(r, 100));
  }

  const file = path.join(content, LESSON + '.md');
  const original = fs.readFileSync(file, 'utf8');
  const lines = original.split('\n');
  // The first prose line after the front matter gets a new first sentence.
  const fm = lines.indexOf('---', 1);
  const prose = lines.findIndex((l, i) => i > fm && /^[A-Z]/.test(l));
  const marker = `Edited by the browser test ${Date.now()}.`;
  const edited = lines.map((l, i) => (i === prose ? l.replace(/^[^.]*\./, marker) : l));
  // A steps: line inside the first landscape block, to break.
  const open = lines.findIndex((l) => l.trim() === '```landscape');
  const stepsAt = lines.findIndex((l, i) => i > open && /^steps:\s*\d+/.test(l));
  assert.ok(prose > fm && open > 0 && stepsAt > open, `${LESSON}.md has prose and a landscape block with steps:`);

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(`${origin}/${LESSON}/`);
  await page.waitForFunction(() => document.querySelector('figure.landscape-live'));
  assert.ok(await page.evaluate(() => !!document.querySelector('script[src$="reload.js"]')), 'serve pages load reload.js');
  assert.ok(!(await page.textContent('main')).includes(marker));
  await page.evaluate(() => window.scrollTo(0, 1200));
  await page.waitForTimeout(500); // the event stream connects

  await t.test('an edit swaps the new text in place', async () => {
    await page.evaluate(() => { window.__beforeEdit = true; });
    // Every figure is marked, and the first is moved to step 3: figures
    // the edit did not touch stay the same nodes, in the same state.
    const figures = await page.evaluate(() => {
      const figs = [...document.querySelectorAll('main figure.landscape')];
      figs.forEach((f) => { f.__probe = true; });
      const step = figs[0].querySelector('input.landscape-step');
      step.value = '3';
      step.dispatchEvent(new Event('input', { bubbles: true }));
      return figs.length;
    });
    assert.ok(figures > 0, 'the lesson has figures');
    fs.writeFileSync(file, edited.join('\n'));
    await page.waitForFunction((m) => document.querySelector('main').textContent.includes(m), marker, { timeout: 20_000 })
      .catch(() => assert.fail('no new text within 20 s' + explain()));
    // Only a lesson changed: the tab swaps its <main> rather than reload.
    assert.equal(await page.evaluate(() => window.__beforeEdit), true, 'swapped in place, not reloaded');
    await page.waitForFunction(() => document.querySelector('figure.landscape-live'));
    const y = await page.evaluate(() => window.scrollY);
    assert.ok(Math.abs(y - 1200) < 150, `scroll position kept across the swap: ${y}`);
    const kept = await page.evaluate(() => {
      const figs = [...document.querySelectorAll('main figure.landscape')];
      return { same: figs.filter((f) => f.__probe).length, all: figs.length, step: figs[0].querySelector('input.landscape-step').value };
    });
    assert.deepEqual(kept, { same: figures, all: figures, step: '3' }, 'the figures the edit did not touch are kept, with their step');
  });

  await t.test('a heading edit keeps the figures, and setting figures up twice does nothing', async () => {
    // A heading is in the lesson and in "On this page": two children of
    // the article change.
    const heading = edited.findIndex((l) => /^## /.test(l));
    assert.ok(heading > 0, `${LESSON}.md has a ## heading`);
    const retitled = edited.map((l, i) => (i === heading ? l + ' (edited)' : l));
    await page.evaluate(() => document.querySelectorAll('main figure.landscape').forEach((f) => { f.__probe = true; }));
    fs.writeFileSync(file, retitled.join('\n'));
    await page.waitForFunction(() => document.querySelector('main h2') &&
      [...document.querySelectorAll('main h2')].some((h) => h.textContent.includes('(edited)')), null, { timeout: 20_000 })
      .catch(() => assert.fail('no new heading within 20 s' + explain()));
    const kept = await page.evaluate(() => [...document.querySelectorAll('main figure.landscape')].every((f) => f.__probe));
    assert.ok(kept, 'every figure is kept across a heading edit');
    // reload.js sets up what each swap brought in; a figure named twice
    // (two swaps before a frame) is set up once.
    await page.evaluate(() => window.DescentFigures(document.getElementById('main')));
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => document.querySelectorAll('button.legend-toggle button.legend-toggle, .legend-toggle .legend-toggle').length), 0,
      'no figure set up twice');
    fs.writeFileSync(file, edited.join('\n'));
    await page.waitForFunction(() => ![...document.querySelectorAll('main h2')].some((h) => h.textContent.includes('(edited)')), null, { timeout: 20_000 });
  });

  await t.test('an edit of a figure replaces that figure', async () => {
    const steps = Number(lines[stepsAt].match(/\d+/)[0]);
    const changed = edited.map((l, i) => (i === stepsAt ? `steps: ${steps + 1}` : l));
    fs.writeFileSync(file, changed.join('\n'));
    await page.waitForFunction((n) => {
      const f = document.querySelector('main figure.landscape');
      return f && !f.__probe && f.querySelector('input.landscape-step').max === String(n);
    }, steps + 1, { timeout: 20_000 }).catch(() => assert.fail('the edited figure was not replaced within 20 s' + explain()));
    // Set up as a figure the page loaded with: its controls show.
    await page.waitForFunction(() => !document.querySelector('main figure.landscape .landscape-controls').hidden, null, { timeout: 10_000 });
    const others = await page.evaluate(() => [...document.querySelectorAll('main figure.landscape')].slice(1).every((f) => f.__probe));
    assert.ok(others, 'the other figures are kept');
    fs.writeFileSync(file, edited.join('\n'));
    await page.waitForFunction((n) => document.querySelector('main figure.landscape input.landscape-step').max === String(n), steps, { timeout: 20_000 });
  });

  await t.test('a broken directive shows the error overlay', async () => {
    const broken = edited.map((l, i) => (i === stepsAt ? 'steps: -1' : l)).join('\n');
    // Save as editors do: a temporary file renamed over the lesson.
    const tmp = path.join(path.dirname(file), '.' + path.basename(file) + '.tmp');
    fs.writeFileSync(tmp, broken);
    fs.renameSync(tmp, file);
    const box = page.locator('#descent-errors');
    await box.waitFor({ state: 'visible', timeout: 20_000 }).catch(() => assert.fail('no overlay within 20 s' + explain()));
    const text = await box.textContent();
    const where = `${path.basename(file)}:${stepsAt + 1}`;
    assert.ok(text.includes(where), `overlay names ${where}: ${text}`);
    assert.match(text, /steps/, 'overlay names the key');
    t.diagnostic('overlay: ' + text.replace(/\s+/g, ' ').slice(0, 200));
    assert.equal(await box.getAttribute('role'), 'alert');
    assert.ok((await page.textContent('main')).includes(marker), 'the last good page stays');
  });

  await t.test('fixing it removes the overlay', async () => {
    fs.writeFileSync(file, edited.join('\n'));
    await page.locator('#descent-errors').waitFor({ state: 'detached', timeout: 20_000 })
      .catch(() => assert.fail('overlay still there after 20 s' + explain()));
    await page.waitForFunction(() => document.querySelector('figure.landscape-live'), null, { timeout: 10_000 });
    assert.ok((await page.textContent('main')).includes(marker));
  });

  const pageErrors = problems.filter((p) => !p.startsWith('HTTP'));
  assert.deepEqual(pageErrors, [], 'page problems' + explain());
  await context.close();
  const code = await stop(child);
  assert.equal(code, 0, 'serve exits 0 on Ctrl-C' + explain());
});
