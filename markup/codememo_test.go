package markup

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"descent/diag"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// TestCodeMemo: blocks come out highlighted in a known language, plain and
// escaped otherwise, and each distinct block is made once.
func TestCodeMemo(t *testing.T) {
	t.Parallel()
	src := "```python\nx = 1  # one\n```\n\n```python\nx = 1  # one\n```\n\n```go\nx := 1 // one\n```\n\n" +
		"```python {linenos=true}\nx = 2\n```\n\n```\nplain <text>\n```\n\n```klingon\nqapla' <b>\n```\n"
	memo := newCodeMemo()
	md := goldmark.New(goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(memo, 200))))
	var first string
	for i := range 2 { // the second time, every block comes from the memo
		var got bytes.Buffer
		if err := md.Convert([]byte(src), &got); err != nil {
			t.Fatal(err)
		}
		if i == 1 && got.String() != first {
			t.Fatal("the memo changed a block")
		}
		first = got.String()
	}
	for _, want := range []string{
		`<span class="c1"># one</span>`, `<span class="c1">// one</span>`, `<span class="mi">2</span>`,
		"<pre class=\"chroma\"><code>plain &lt;text&gt;\n</code></pre>",
		"<pre><code class=\"language-klingon\">qapla&#39; &lt;b&gt;\n</code></pre>",
	} {
		if !strings.Contains(first, strings.ReplaceAll(want, "&#39;", "'")) && !strings.Contains(first, want) {
			t.Errorf("the page lacks %s\n%s", want, first)
		}
	}
	if len(memo.html) != 5 {
		t.Errorf("%d blocks made, want 5 (six blocks, two the same)", len(memo.html))
	}
}

// TestUnknownLanguages: many distinct blocks in a language without a
// table are written plain and escaped (issue #20 found 2,000 of them took
// 35 s with chroma, which matched each name against every lexer).
func TestUnknownLanguages(t *testing.T) {
	t.Parallel()
	var src strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&src, "```klingon\nblock <%d>\n```\n\n", i)
	}
	var out bytes.Buffer
	c := New(false)
	if err := c.Render(&out, c.Parse([]byte(src.String()), 1, &diag.List{})); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out.String(), `<pre><code class="language-klingon">block &lt;`); n != 2000 {
		t.Errorf("%d plain blocks, want 2000", n)
	}
}
