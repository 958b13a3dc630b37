#!/usr/bin/env bash
# Regenerates the KaTeX oracle's fixture and checks Descent against it:
# the corpus from the course and the test formulas (Go), KaTeX's verdict
# on each (node), then the comparison (go test). Run by .ci/run; needs npm.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --silent --no-audit --no-fund
(cd ../../../markup && go test -count=1 -run '^TestKaTeXCorpus$' . -update-katex)
node oracle.js
git diff --exit-code -- corpus.jsonl katex.jsonl || { echo "katex: the committed fixture is stale; commit the files above"; exit 1; }
(cd ../.. && go test -count=1 -run '^TestKaTeX' -v . | grep -E '^(=== RUN|--- FAIL|ok|FAIL)|katex:' | grep -v '=== RUN')
