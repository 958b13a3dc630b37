package markup

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"sync"

	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// codeMemo renders fenced code blocks with goldmark-highlighting (chroma),
// once per distinct block in a build: courses repeat their code, and
// highlighting it again on every page was a tenth of rendering the pages.
// The HTML of a block depends only on its info string and its text, which
// together are the key. Safe for concurrent use.
type codeMemo struct {
	highlight renderer.NodeRendererFunc
	mu        sync.Mutex
	html      map[string][]byte
}

func newCodeMemo(opts ...highlighting.Option) *codeMemo {
	m := &codeMemo{html: map[string][]byte{}}
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
		if _, err := m.highlight(bw, src, n, true); err != nil {
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
