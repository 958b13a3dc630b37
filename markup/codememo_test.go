package markup

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"descent/diag"

	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Highlighting through the memo gives goldmark-highlighting's own bytes,
// block by block, and highlights each distinct block once.
func TestCodeMemo(t *testing.T) {
	t.Parallel()
	src := "```python\nx = 1  # one\n```\n\n```python\nx = 1  # one\n```\n\n```go\nx = 1  // one\n```\n\n" +
		"```python {linenos=true}\nx = 1  # one\n```\n\n```\nplain <text>\n```\n"
	opts := []highlighting.Option{highlighting.WithGuessLanguage(false)}
	var want, got bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(highlighting.NewHighlighting(opts...))).Convert([]byte(src), &want); err != nil {
		t.Fatal(err)
	}
	memo := newCodeMemo(opts...)
	md := goldmark.New(goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(memo, 200))))
	for range 2 { // the second time, every block comes from the memo
		got.Reset()
		if err := md.Convert([]byte(src), &got); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Fatalf("got\n%s\nwant\n%s", &got, &want)
		}
	}
	if len(memo.html) != 4 {
		t.Errorf("%d blocks highlighted, want 4 (five blocks, two the same)", len(memo.html))
	}
	if !strings.Contains(got.String(), "&lt;text&gt;") {
		t.Error("a plain block's text is not escaped")
	}
}

// TestPlainCodeSame: a block in a language chroma does not know is written
// here with goldmark-highlighting's own bytes.
func TestPlainCodeSame(t *testing.T) {
	t.Parallel()
	opts := []highlighting.Option{highlighting.WithGuessLanguage(false)}
	for _, src := range []string{
		"```nosuchlang\na <b> & \"c\" 'd'\n\tindented\n```\n",
		"```Nope-Lang\nx\n```\n",
		"```日本<語>\nx\n```\n",
		"```nosuch {linenos=true}\nx\n```\n",
		"```nosuch\n```\n",
		"~~~ nosuch extra words\nx\n~~~\n",
	} {
		var want, got bytes.Buffer
		if err := goldmark.New(goldmark.WithExtensions(highlighting.NewHighlighting(opts...))).Convert([]byte(src), &want); err != nil {
			t.Fatal(err)
		}
		md := goldmark.New(goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(newCodeMemo(opts...), 200))))
		if err := md.Convert([]byte(src), &got); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%q:\ngot  %q\nwant %q", src, &got, &want)
		}
	}
}

// TestUnknownLanguageFast: 2,000 distinct blocks in a language chroma does
// not know (issue #20: 35 s; the lexer lookup was not memoised).
func TestUnknownLanguageFast(t *testing.T) {
	t.Parallel()
	var src strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&src, "```klingon\nblock %d\n```\n\n", i)
	}
	start := time.Now()
	var out bytes.Buffer
	c := New(false)
	if err := c.Render(&out, c.Parse([]byte(src.String()), 1, &diag.List{})); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("2,000 blocks took %v", d)
	}
}
