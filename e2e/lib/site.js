'use strict';
// Shared setup for the browser tests: build the sample course once per
// `node --test` run, serve it from a tiny static server, and launch Debian's
// Chromium through playwright-core.
//
// node --test runs each test file in its own process, and Node 20 has no
// global-setup hook, so "once" is done with a lock folder keyed by the test
// runner's pid (every file's parent): the first file to take the lock runs
// `go run ./cmd/build`, the others wait for its "ready" mark. A file run on
// its own (`node e2e/figure.test.js`) builds for itself the same way.
// DESCENT_E2E_SITE=<folder> skips the build and serves that folder.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');
const zlib = require('node:zlib');
const { execFileSync, spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..'); // the repository
const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run',
  '--disable-component-update', '--disable-sync',
];
const TMP_PREFIX = 'descent-e2e-';

function goBin() {
  for (const p of [process.env.GO, '/usr/local/go/bin/go']) if (p && fs.existsSync(p)) return p;
  return 'go';
}

function alive(pid) {
  try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; }
}

// removeStale deletes shared build folders left by runs whose runner is gone.
function removeStale() {
  for (const name of fs.readdirSync(os.tmpdir())) {
    const m = name.match(/^descent-e2e-(\d+)(-\d+)?$/);
    if (m && !alive(+m[1])) fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
  }
}

// startTime tells a process from an earlier one that had its pid.
function startTime(pid) {
  try { return '-' + fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[19]; } catch { return ''; }
}

function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }

// buildSite returns the folder holding the built sample course.
async function buildSite() {
  if (process.env.DESCENT_E2E_SITE) return process.env.DESCENT_E2E_SITE;
  // Under `node --test` (NODE_TEST_CONTEXT is set) the runner is the parent
  // of every file; a file run on its own builds for itself and cleans up.
  const runner = process.env.NODE_TEST_CONTEXT ? process.ppid : process.pid;
  const dir = path.join(os.tmpdir(), TMP_PREFIX + runner + startTime(runner));
  if (runner === process.pid) process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const site = path.join(dir, 'site');
  const ready = path.join(dir, 'ready'), failed = path.join(dir, 'failed');
  let owner = false;
  try { removeStale(); } catch { /* a race with another file: harmless */ }
  try { fs.mkdirSync(dir); owner = true; } catch (e) { if (e.code !== 'EEXIST') throw e; }
  if (owner) {
    const t0 = Date.now();
    const r = spawnSync(goBin(), ['run', './cmd/build', '-out', site], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) {
      fs.writeFileSync(failed, `${r.stdout || ''}${r.stderr || ''}${r.error || ''}`);
      throw new Error(`go run ./cmd/build failed:\n${r.stdout}${r.stderr}${r.error || ''}`);
    }
    fs.writeFileSync(ready, String(Date.now() - t0));
    return site;
  }
  for (let i = 0; i < 3000; i++) { // up to 5 minutes: a cold Go cache compiles everything
    if (fs.existsSync(ready)) return site;
    if (fs.existsSync(failed)) throw new Error('go run ./cmd/build failed:\n' + fs.readFileSync(failed, 'utf8'));
    await sleep(100);
  }
  throw new Error('timed out waiting for the shared build in ' + dir);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.json': 'application/json', '.xml': 'application/xml',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
  '.webp': 'image/webp', '.gif': 'image/gif', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2', '.pdf': 'application/pdf',
};

// basePath reads the site's path prefix (e.g. "/descent/") from the first
// sitemap entry, the home page, so the site is served where its baseURL puts
// it: the 404 page's absolute links then resolve as in production.
function basePath(site) {
  try {
    const xml = fs.readFileSync(path.join(site, 'sitemap.xml'), 'utf8');
    const loc = xml.match(/<loc>([^<]+)<\/loc>/);
    if (loc) { const p = new URL(loc[1]).pathname; return p.endsWith('/') ? p : p + '/'; }
  } catch { /* no sitemap: serve at the root */ }
  return '/';
}

function sitemapPaths(site, base) {
  const xml = fs.readFileSync(path.join(site, 'sitemap.xml'), 'utf8');
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => {
    const p = new URL(m[1]).pathname;
    return base + p.slice(basePath(site).length);
  });
}

// serve starts a static server for site on 127.0.0.1 (a free port) with
// the site under its base path, gzip for text as any real host would, and
// 404.html with status 404 for anything missing.
function serve(site) {
  const base = basePath(site);
  const send = (req, res, status, file) => {
    const type = TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
    let body = fs.readFileSync(file);
    const headers = { 'Content-Type': type, 'Cache-Control': 'no-cache' };
    if (/^(text\/|application\/(json|xml)|image\/svg)/.test(type) && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
      body = zlib.gzipSync(body);
      headers['Content-Encoding'] = 'gzip';
      headers['Vary'] = 'Accept-Encoding';
    }
    headers['Content-Length'] = body.length;
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  const server = http.createServer((req, res) => {
    const notFound = () => send(req, res, 404, path.join(site, '404.html'));
    if (req.method !== 'GET' && req.method !== 'HEAD') { res.writeHead(405); res.end(); return; }
    let p;
    try { p = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch { return notFound(); }
    if (p + '/' === base) { res.writeHead(301, { Location: base }); res.end(); return; }
    if (!p.startsWith(base)) return notFound();
    const rel = path.normalize(p.slice(base.length));
    if (rel.startsWith('..') || path.isAbsolute(rel)) return notFound();
    let file = path.join(site, rel);
    let st;
    try { st = fs.statSync(file); } catch { return notFound(); }
    if (st.isDirectory()) {
      if (!p.endsWith('/')) { res.writeHead(301, { Location: p + '/' }); res.end(); return; }
      file = path.join(file, 'index.html');
      if (!fs.existsSync(file)) return notFound();
    }
    send(req, res, 200, file);
  });
  // The server lives as long as the test file; it must not keep it alive.
  server.on('connection', (sock) => sock.unref());
  server.unref();
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const origin = `http://127.0.0.1:${server.address().port}`;
      resolve({
        server, origin, base, site, url: (p = '') => origin + base + p.replace(/^\//, ''),
        paths: () => sitemapPaths(site, base),
        close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
      });
    });
  });
}

// startBook builds and serves the nested test book,
// lesson/testdata/book.txtar, unpacked into a temporary folder.
async function startBook() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'descent-book-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const archive = fs.readFileSync(path.join(ROOT, 'lesson', 'testdata', 'book.txtar'), 'utf8');
  let file = null;
  for (const line of archive.split('\n')) {
    const m = line.match(/^-- (.+) --$/);
    if (m) { file = path.join(dir, 'content', m[1]); fs.mkdirSync(path.dirname(file), { recursive: true }); fs.writeFileSync(file, ''); continue; }
    if (file) fs.appendFileSync(file, line + '\n');
  }
  const site = path.join(dir, 'site');
  const r = spawnSync(goBin(), ['run', './cmd/build', '-content', path.join(dir, 'content'), '-out', site, '-cache', ''], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`building the book failed:\n${r.stdout}${r.stderr}${r.error || ''}`);
  return serve(site);
}

let shared = null;
// startSite builds (once) and serves the sample course for this test file.
async function startSite() {
  if (!shared) shared = buildSite().then(serve);
  return shared;
}

// figures lists the landscape figures of the built site by page, read from
// the HTML: {path, id, dim, sweeps}.
function figures(s) {
  const out = [];
  for (const p of s.paths()) {
    const file = path.join(s.site, p.slice(s.base.length), 'index.html');
    const html = fs.readFileSync(file, 'utf8');
    const re = /<figure class="landscape landscape-dim(\d)[^"]*" id="([^"]+)"([\s\S]*?)<\/figure>/g;
    for (const m of html.matchAll(re)) {
      out.push({ path: p, id: m[2], dim: +m[1], sweeps: (m[3].match(/class="landscape-sweep"/g) || []).length });
    }
  }
  return out;
}

function chromiumAvailable() { return fs.existsSync(CHROMIUM); }

async function launch(extra = {}) {
  const { chromium } = require('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, ...extra });
}

// watch records everything that counts as an error on a page: console
// errors, uncaught exceptions, failed requests and responses >= 400.
function watch(page) {
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()} (${m.location().url || ''})`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    const why = r.failure() ? r.failure().errorText : '';
    // Leaving a page aborts its open event stream or pending loads: not a fault.
    if (why === 'net::ERR_ABORTED' && r.url().includes('/_descent/events')) return;
    problems.push(`request failed: ${r.url()} ${why}`);
  });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  return problems;
}

// lessonPaths lists the site's lesson pages (two path segments under base).
function lessonPaths(s) {
  return s.paths().filter((p) => p.slice(s.base.length).split('/').filter(Boolean).length === 2);
}

function shotsDir() {
  const d = process.env.DESCENT_SHOTS || '/tmp/descent-shots';
  fs.mkdirSync(d, { recursive: true });
  return d;
}

module.exports = {
  ROOT, CHROMIUM, figures, removeStale, CHROMIUM_ARGS, goBin, startSite, startBook, launch, watch, chromiumAvailable, lessonPaths,
  shotsDir, sleep, execFileSync,
};
