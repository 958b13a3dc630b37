package lesson

import (
	"fmt"
	"hash/crc32"
	"sync"
)

// digestFigure marks a figure's HTML, under cmd/serve, with a digest of
// it in its first element's data-digest. A figure's scripts change its DOM
// once it shows (controls, readout, the step drawn), so the open tab can
// no longer tell by comparing nodes whether a rebuilt page has the same
// figure; by the digest it can, and reload.js keeps that figure as it is,
// with its state and without drawing it again.
func digestFigure(html []byte) []byte {
	at := afterFirstTagName(html)
	if at < 0 {
		return html
	}
	attr := fmt.Sprintf(` data-digest="%08x-%x"`, crc32.Checksum(html, castagnoli()), len(html))
	out := make([]byte, 0, len(html)+len(attr))
	out = append(out, html[:at]...)
	out = append(out, attr...)
	return append(out, html[at:]...)
}

// afterFirstTagName is the index just after the name of the first start
// tag in html, or -1 if there is none.
func afterFirstTagName(html []byte) int {
	for i := 0; i+1 < len(html); i++ {
		if html[i] != '<' || !isASCIILetter(html[i+1]) {
			continue
		}
		j := i + 2
		for j < len(html) && (isASCIILetter(html[j]) || '0' <= html[j] && html[j] <= '9' || html[j] == '-') {
			j++
		}
		return j
	}
	return -1
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// castagnoli is made on first use, by the first page a preview renders.
var castagnoli = sync.OnceValue(func() *crc32.Table { return crc32.MakeTable(crc32.Castagnoli) })
