// oracle.js: KaTeX's verdict on every formula of corpus.jsonl, written to
// katex.jsonl (one line each: tex, display, and KaTeX's MathML or its
// error). Test-only: KaTeX is never used at build time or in the page.
// KaTeX is given the commands Descent adds to LaTeX's math (macros below),
// as MathJax has them.
const fs = require('fs');
const katex = require('katex');
const macros = {
  '\\mbox': '\\text{#1}',
  '\\label': {tokens: [], numArgs: 1},
  '\\argmin': '\\operatorname*{arg\\,min}',
  '\\argmax': '\\operatorname*{arg\\,max}',
  '\\sign': '\\operatorname{sign}',
};
const lines = fs.readFileSync(__dirname + '/corpus.jsonl', 'utf8').split('\n').filter(Boolean);
const out = [];
for (const line of lines) {
  const {tex, display} = JSON.parse(line);
  const r = {tex, display};
  try {
    let s = katex.renderToString(tex, {output: 'mathml', throwOnError: true, displayMode: display, macros: {...macros}, strict: 'ignore'});
    r.mathml = s.replace(/^<span class="katex">/, '').replace(/<\/span>$/, '').replace(/<annotation encoding="application\/x-tex">[^]*?<\/annotation>/, '');
  } catch (e) {
    r.error = String(e.message).split('\n')[0];
  }
  out.push(JSON.stringify(r));
}
fs.writeFileSync(__dirname + '/katex.jsonl', out.join('\n') + '\n');
console.log(`katex: ${lines.length} formulas, ${out.filter(l => l.includes('"error"')).length} rejected, katex ${katex.version}`);
