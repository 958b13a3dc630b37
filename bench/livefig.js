// Measures a live figure's frames in Chromium; run by bench/livefig.sh.
const { launch } = require('../e2e/lib/site');
const http = require('http'), fs = require('fs'), path = require('path');
const root = process.env.LIVEFIG_SITE;
const srv = http.createServer((q, r) => { let p = path.join(root, decodeURIComponent(q.url.split('?')[0])); if (p.endsWith('/')) p += 'index.html'; fs.readFile(p, (e, b) => { if (e) { r.writeHead(404); r.end(); return; } r.writeHead(200, { 'content-type': p.endsWith('.js') ? 'text/javascript' : p.endsWith('.css') ? 'text/css' : 'text/html' }); r.end(b); }); });
srv.listen(0, '127.0.0.1', async () => {
  const b = await launch();
  const page = await (await b.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
  await page.addInitScript(() => {
    window.__t = [];
    const raf = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (cb) => raf((ts) => { const t0 = performance.now(); cb(ts); document.body.offsetHeight; window.__t.push(performance.now() - t0); });
  });
  await page.goto(`http://127.0.0.1:${srv.address().port}/s/l/`);
  await page.waitForFunction(() => document.querySelector('figure.landscape.landscape-live .landscape-livepanel'));
  await page.evaluate(() => {
    const d = JSON.parse(document.querySelector('script.landscape-data').textContent);
    const E = window.DescentEngine, f = E.compile(d.engine);
    const t0 = performance.now();
    for (let rep = 0; rep < 5; rep++) d.runs.forEach((r) => E.run(f, 2, r.optimizer, r.params, [-1.2, 2], r.steps)); const t0b = performance.now(); for (let rep = 0; rep < 20; rep++) d.runs.forEach((r) => E.run(f, 2, r.optimizer, r.params, [-1.2, 2], r.steps));
    return "engine only, warm, 24 runs x 500 steps: " + ((performance.now() - t0b) / 20).toFixed(2) + ' ms';
  });
  const box = await page.locator('.landscape-main svg').boundingBox();
  await page.evaluate(() => { window.__t = []; window.descentLiveTimes = []; });
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
  await page.mouse.down();
  for (let i = 0; i < 40; i++) { await page.mouse.move(box.x + box.width * (0.3 + i * 0.005), box.y + box.height * (0.3 + i * 0.003)); await page.waitForTimeout(20); }
  await page.mouse.up();
  await page.waitForTimeout(100);
  const t = (await page.evaluate(() => window.__t)).filter((x) => x > 0.5).sort((a, b) => a - b);
  const lt = await page.evaluate(() => window.descentLiveTimes);
  const med = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];
  console.log('recompute median', med(lt.map((x) => x[0])).toFixed(2), 'redraw median', med(lt.map((x) => x[1])).toFixed(2), 'n', lt.length);
  const runs = await page.evaluate(() => document.querySelectorAll('.landscape-readout-run').length);
  console.log(JSON.stringify({ runs, frames: t.length, median_ms: t[t.length >> 1], p90_ms: t[Math.floor(t.length * 0.9)], min: t[0], max: t[t.length - 1] }));
  await b.close(); srv.close();
});
