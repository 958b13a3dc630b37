package markup

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"sync"

	"github.com/alecthomas/chroma/v2/lexers"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// codeMemo renders fenced code blocks with goldmark-highlighting (chroma),
// once per distinct block in a build: courses repeat their code, and
// highlighting it again on every page was a tenth of rendering the pages.
// The HTML of a block depends only on its info string and its text, which
// together are the key. Safe for concurrent use.
//
// Whether chroma knows a language is memoised too: for a name it does not
// know, chroma matches it against every lexer's file patterns, on every
// block (2,000 blocks in an unknown language took 35 s). Such a block is
// written here as the highlighter writes it without a lexer.
type codeMemo struct {
	highlight renderer.NodeRendererFunc
	mu        sync.Mutex
	html      map[string][]byte
	known     map[string]bool // language name: chroma has a lexer for it
}

func newCodeMemo(opts ...highlighting.Option) *codeMemo {
	m := &codeMemo{html: map[string][]byte{}, known: map[string]bool{}}
	highlighting.NewHTMLRenderer(opts...).RegisterFuncs(registerer(func(k ast.NodeKind, f renderer.NodeRendererFunc) {
		if k == ast.KindFencedCodeBlock {
			m.highlight = f
		}
	}))
	return m
}

// registerer collects the functions a node renderer registers.
type registerer func(ast.NodeKind, renderer.NodeRendererFunc)

func (r registerer) Register(k ast.NodeKind, f renderer.NodeRendererFunc) { r(k, f) }

// RegisterFuncs implements renderer.NodeRenderer.
func (m *codeMemo) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, m.render)
}

func (m *codeMemo) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	var key bytes.Buffer
	if n.Info != nil {
		// The info string's length first, so that it cannot run into the code.
		info := n.Info.Segment.Value(src)
		key.Write(binary.LittleEndian.AppendUint64(nil, uint64(len(info))))
		key.Write(info)
	}
	key.WriteByte(0)
	for i := range n.Lines().Len() {
		line := n.Lines().At(i)
		key.Write(line.Value(src))
	}
	m.mu.Lock()
	html, ok := m.html[key.String()]
	m.mu.Unlock()
	if !ok {
		var b bytes.Buffer
		bw := bufio.NewWriter(&b)
		if lang := n.Language(src); lang != nil && !bytes.ContainsAny(n.Info.Segment.Value(src), "{}") && !m.knows(string(lang)) {
			writePlainCode(bw, src, n, lang)
		} else if _, err := m.highlight(bw, src, n, true); err != nil {
			return ast.WalkStop, err
		}
		if err := bw.Flush(); err != nil {
			return ast.WalkStop, err
		}
		html = b.Bytes()
		m.mu.Lock()
		m.html[key.String()] = html
		m.mu.Unlock()
	}
	_, err := w.Write(html)
	return ast.WalkContinue, err
}

// knows reports whether chroma has a lexer for lang, asking it once.
func (m *codeMemo) knows(lang string) bool {
	m.mu.Lock()
	known, ok := m.known[lang]
	m.mu.Unlock()
	if !ok {
		known = lexers.Get(lang) != nil
		m.mu.Lock()
		m.known[lang] = known
		m.mu.Unlock()
	}
	return known
}

// writePlainCode writes a block as goldmark-highlighting does when it has
// no lexer for its language (TestPlainCodeSame checks the bytes).
func writePlainCode(w util.BufWriter, src []byte, n *ast.FencedCodeBlock, lang []byte) {
	w.WriteString(`<pre><code class="language-`)
	html.DefaultWriter.Write(w, lang)
	w.WriteString(`">`)
	for i := range n.Lines().Len() {
		line := n.Lines().At(i)
		html.DefaultWriter.RawWrite(w, line.Value(src))
	}
	w.WriteString("</code></pre>\n")
}
