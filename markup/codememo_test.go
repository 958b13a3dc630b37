package markup

import (
	"bytes"
	"strings"
	"testing"

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
