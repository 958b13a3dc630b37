package markup

import (
	"bytes"
	"encoding/binary"
	"strings"
	"sync"

	"descent/highlight"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// codeMemo renders fenced code blocks, highlighted by package highlight
// in a language it has a table for, once per distinct block in a build:
// courses repeat their code. The HTML of a block depends only on its
// language and its text, which together are the key. Safe for concurrent
// use.
type codeMemo struct {
	mu   sync.Mutex
	html map[string][]byte
}

func newCodeMemo() *codeMemo { return &codeMemo{html: map[string][]byte{}} }

// RegisterFuncs implements renderer.NodeRenderer.
func (m *codeMemo) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, m.render)
}

func (m *codeMemo) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	lang := n.Language(src)
	var code bytes.Buffer
	for i := range n.Lines().Len() {
		line := n.Lines().At(i)
		code.Write(line.Value(src))
	}
	// The language's length first, so that it cannot run into the code.
	key := string(binary.LittleEndian.AppendUint64(nil, uint64(len(lang)))) + string(lang) + code.String()
	m.mu.Lock()
	out, ok := m.html[key]
	m.mu.Unlock()
	if !ok {
		out = codeHTML(string(lang), code.String())
		m.mu.Lock()
		m.html[key] = out
		m.mu.Unlock()
	}
	_, err := w.Write(out)
	return ast.WalkContinue, err
}

// codeHTML is a block's HTML: highlighted in a language package highlight
// knows; else as plain text, marked with its language for a page script
// or a stylesheet that wants it.
func codeHTML(lang, code string) []byte {
	var b strings.Builder
	if lang != "" && highlight.HTML(&b, lang, code) {
		return []byte(b.String())
	}
	b.WriteString("<pre")
	if lang == "" {
		b.WriteString(` class="chroma"`)
	}
	b.WriteString("><code")
	if lang != "" {
		b.WriteString(` class="language-`)
		b.Write(util.EscapeHTML([]byte(lang)))
		b.WriteString(`"`)
	}
	b.WriteString(">")
	b.Write(util.EscapeHTML([]byte(code)))
	b.WriteString("</code></pre>\n")
	return []byte(b.String())
}
