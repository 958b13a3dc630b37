// Screenshots of figures as a reader sees them, for docs/screenshots:
// a laptop (1366×768), a phone (390×844), dark mode and print. Run from
// e2e/ (it uses e2e's playwright-core and Debian's Chromium) against a
// built and served sample course:
//
//   go run ./cmd/build -out /tmp/site && (cd /tmp/site && python3 -m http.server 8766 &)
//   cd e2e && node ../docs/screenshots/shoot.js http://127.0.0.1:8766/
const path = require('path');
const { launch } = require('../../e2e/lib/site');

const shots = [
  { name: 'laptop-momentum', page: 'math/momentum/', fig: 0, w: 1366, h: 768 },
  { name: 'laptop-sweep-dark', page: 'math/momentum/', fig: 2, w: 1366, h: 768, scheme: 'dark' },
  { name: 'laptop-rastrigin', page: 'history/adaptive-era/', fig: 1, w: 1366, h: 768 },
  { name: 'laptop-eight-runs', page: 'history/adaptive-era/', fig: 0, w: 1366, h: 768 },
  { name: 'phone-momentum', page: 'math/momentum/', fig: 0, w: 390, h: 844 },
  { name: 'phone-top-dark', page: 'math/momentum/', fig: -1, w: 390, h: 844, scheme: 'dark' },
  { name: 'print-momentum', page: 'math/momentum/', fig: 0, w: 900, h: 1200, media: 'print' },
];

(async () => {
  const base = process.argv[2] || 'http://127.0.0.1:8766/';
  const b = await launch();
  for (const s of shots) {
    const ctx = await b.newContext({ viewport: { width: s.w, height: s.h }, colorScheme: s.scheme || 'light' });
    const page = await ctx.newPage();
    if (s.media) await page.emulateMedia({ media: s.media });
    await page.goto(base + s.page);
    await page.waitForFunction(() => document.querySelectorAll('figure.landscape-live').length > 0);
    if (s.fig >= 0) {
      await page.evaluate((i) => {
        const f = document.querySelectorAll('figure.landscape')[i];
        window.scrollTo(0, f.getBoundingClientRect().top + window.scrollY);
      }, s.fig);
    }
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(__dirname, s.name + '.png') });
    await ctx.close();
  }
  await b.close();
})();
