package lesson

import (
	"bytes"
	"fmt"
	"hash/crc32"
	"strconv"
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

// StubKept returns page with each figure and quiz that digestHTML marked,
// and that keep reports the open tab holds already, replaced by an empty
// element of the same name with its digest, marked data-descent-stub.
// reload.js keeps the tab's own for it, as it would for the whole: a
// swap's fetch then parses a few kilobytes where a lesson's figures were
// hundreds (9 ms of a swap on a 1,000-lesson course's page of 270 KB).
//
// An element is replaced only where it is exactly what was marked (the
// digest's checksum and length agree), its last end tag (before a line
// break) closes it and no other tag of its name is inside it: then the
// stub stands for the whole element and nothing else. Anything else is
// left as it is.
func StubKept(page []byte, keep func(digest string) bool) []byte {
	const mark = ` data-digest="`
	var out []byte // nil until the first stub
	last := 0
	for i := 0; ; {
		k := bytes.Index(page[i:], []byte(mark))
		if k < 0 {
			break
		}
		at := i + k // the attribute's space, just after the tag's name
		vs := at + len(mark)
		ve := bytes.IndexByte(page[vs:], '"')
		if ve < 0 {
			break
		}
		ve += vs
		i = ve + 1
		value := string(page[vs:ve])
		sum, n, ok := parseDigest(value)
		if !ok || !keep(value) {
			continue
		}
		ts := at // the tag's '<'
		for ts > 0 && isNameByte(page[ts-1]) {
			ts--
		}
		if ts == at || ts == 0 || page[ts-1] != '<' {
			continue
		}
		ts--
		name := page[ts+1 : at]
		attrEnd := ve + 1
		end, ok := markedEnd(page, ts, at, attrEnd, sum, n)
		if !ok {
			continue
		}
		// A template's line break after the end tag is text after it.
		elem := attrEnd + len(bytes.TrimRight(page[attrEnd:end], spaces))
		if !wholeElement(page[attrEnd:elem], name) {
			continue
		}
		out = append(out, page[last:ts]...)
		out = fmt.Appendf(out, `<%s data-digest="%s" data-descent-stub></%s>`, name, value, name)
		last, i = elem, end
	}
	if out == nil {
		return page
	}
	return append(out, page[last:]...)
}

// spaces are HTML's white space, which a template may put around a figure.
const spaces = " \t\r\n\f"

// markedEnd returns where the HTML that digestHTML marked ends, when the
// tag at ts, whose name ends at at and whose digest attribute (of sum and
// length n) ends at attrEnd, is what it marked: that HTML is page[s:at]
// and page[attrEnd:end], where s is ts or the start of the white space
// just before it (a template's line break).
func markedEnd(page []byte, ts, at, attrEnd int, sum uint32, n int) (int, bool) {
	tab := crc32.MakeTable(crc32.Castagnoli)
	lead := len(page[:ts]) - len(bytes.TrimRight(page[:ts], spaces))
	for s := ts; s >= ts-min(lead, 8); s-- {
		end := attrEnd + n - (at - s)
		if end < attrEnd || end > len(page) {
			continue
		}
		if crc32.Update(crc32.Checksum(page[s:at], tab), tab, page[attrEnd:end]) == sum {
			return end, true
		}
	}
	return 0, false
}

// parseDigest reads digestHTML's attribute value: a checksum of eight hex
// digits, a dash and the length in hex.
func parseDigest(v string) (sum uint32, n int, ok bool) {
	c, l, found := strings.Cut(v, "-")
	if !found || len(c) != 8 || l == "" || len(l) > 12 {
		return 0, 0, false
	}
	s, err1 := strconv.ParseUint(c, 16, 32)
	m, err2 := strconv.ParseUint(l, 16, 48)
	if err1 != nil || err2 != nil {
		return 0, 0, false
	}
	return uint32(s), int(m), true
}

// wholeElement reports whether rest, what follows an element's start tag
// name, ends with the element's end tag and holds no other start or end
// tag of its name (in any case): the end tag then closes it.
func wholeElement(rest, name []byte) bool {
	if len(rest) < len(name)+3 || rest[len(rest)-1] != '>' || !bytes.EqualFold(rest[len(rest)-len(name)-1:len(rest)-1], name) ||
		!bytes.HasSuffix(rest[:len(rest)-len(name)-1], []byte("</")) {
		return false
	}
	inner := rest[:len(rest)-len(name)-3]
	for j := bytes.IndexByte(inner, '<'); j >= 0; {
		t := inner[j+1:]
		if len(t) > 0 && t[0] == '/' {
			t = t[1:]
		}
		if len(t) >= len(name) && bytes.EqualFold(t[:len(name)], name) && (len(t) == len(name) || !isNameByte(t[len(name)])) {
			return false
		}
		k := bytes.IndexByte(inner[j+1:], '<')
		if k < 0 {
			break
		}
		j += 1 + k
	}
	return true
}

func isNameByte(c byte) bool {
	return isASCIILetter(c) || '0' <= c && c <= '9' || c == '-'
}
