#!/usr/bin/env bash
# Browser tests of the sample course: Debian's Chromium driven by
# playwright-core, axe-core and Lighthouse from npm. Called by .ci/run after
# it installs chromium and fonts-texgyre-math. No browser is ever downloaded.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x /usr/bin/chromium ]; then
  echo "e2e: chromium missing, skipped"
  exit 0
fi
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 CHROME_PATH=/usr/bin/chromium
export PATH="$PATH:/usr/local/go/bin"
npm ci --no-audit --no-fund
# One test file at a time: each starts its own Chromium, and Lighthouse's
# timings must not compete with another browser.
status=0
node --test --test-concurrency=1 . || status=$?
# The shared build folder outlives the runner; remove it now.
node -e "require('./lib/site').removeStale()" || true
exit $status
