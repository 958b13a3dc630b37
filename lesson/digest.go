package lesson

import (
	"bytes"
	"fmt"
	"hash/crc32"
	"strings"
)

// digestHTML marks a figure's or a quiz's HTML, under cmd/serve, with a
// digest of it in its first element's data-digest. Their scripts change
// their DOM once they show (controls, readout, the step drawn, a quiz's
// choices), so the open tab can no longer tell by comparing nodes whether
// a rebuilt page has the same one; by the digest it can, and reload.js
// keeps it as it is, with its state and without drawing it again.
func digestHTML(html []byte) []byte {
	at := afterFirstTagName(html)
	if at < 0 {
		return html
	}
	attr := fmt.Sprintf(` data-digest="%08x-%x"`, crc32.Checksum(html, crc32.MakeTable(crc32.Castagnoli)), len(html))
	out := make([]byte, 0, len(html)+len(attr))
	out = append(out, html[:at]...)
	out = append(out, attr...)
	return append(out, html[at:]...)
}

// afterFirstTagName is the index just after the name of the first start
// tag in html that is not in a comment and not a raw-text element (a
// theme's <style> before its figure), or -1 if there is none.
func afterFirstTagName(html []byte) int {
	for i := 0; i+1 < len(html); i++ {
		if html[i] != '<' {
			continue
		}
		rest := html[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			end := bytes.Index(rest[4:], []byte("-->"))
			if end < 0 {
				return -1
			}
			i += 4 + end + 2
			continue
		case rest[1] == '!' || rest[1] == '?': // <!DOCTYPE>, <?…>
			end := bytes.IndexByte(rest, '>')
			if end < 0 {
				return -1
			}
			i += end
			continue
		case !isASCIILetter(rest[1]):
			continue
		}
		j := 2
		for j < len(rest) && (isASCIILetter(rest[j]) || '0' <= rest[j] && rest[j] <= '9' || rest[j] == '-') {
			j++
		}
		if name := strings.ToLower(string(rest[1:j])); rawText[name] {
			end := bytes.Index(bytes.ToLower(rest[j:]), []byte("</"+name))
			if end < 0 {
				return -1
			}
			i += j + end
			continue
		}
		return i + j
	}
	return -1
}

// rawText are the elements whose content is text, not markup.
var rawText = map[string]bool{"script": true, "style": true, "textarea": true, "title": true,
	"xmp": true, "iframe": true, "noembed": true, "noframes": true, "noscript": true, "plaintext": true}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
