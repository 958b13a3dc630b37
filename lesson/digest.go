package lesson

import (
	"bytes"
	"fmt"
	"hash/crc32"
	"slices"
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
// digest's checksum and length agree) and its content is balanced, so
// that its last end tag (before a line break) closes it: then the stub
// stands for the whole element and nothing else. Anything else is left as
// it is.
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
// name, is the rest of that one element: its start tag, balanced content
// and its end tag.
func wholeElement(rest, name []byte) bool {
	k := tagEnd(rest)
	n := len(rest) - len(name) - 3 // where the end tag should begin
	if k < 0 || n < k || !bytes.HasPrefix(rest[n:], []byte("</")) || !bytes.EqualFold(rest[n+2:len(rest)-1], name) || rest[len(rest)-1] != '>' {
		return false
	}
	return balanced(rest[k:n])
}

// balanced reports whether content, an element's, ends as it began for
// the browser's parser: every comment and every element whose content is
// text (a script, a textarea) closed, every tag's quotes closed, and
// every element opened in it closed by its own end tag in turn: an end
// tag of another would close the element early, and an open table would
// keep its end tag from ending it. A script or a style sheet loaded by the
// element (<script src>, <link>) makes it not balanced too: reload.js
// compares those of the page before and after a swap, and a stub would
// hide them.
func balanced(content []byte) bool {
	var open [][]byte // the elements open, innermost last
	for i := 0; i < len(content); {
		j := bytes.IndexByte(content[i:], '<')
		if j < 0 {
			break
		}
		i += j
		rest := content[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			end := bytes.Index(rest[4:], []byte("-->"))
			if end < 0 {
				return false
			}
			i += 4 + end + 3
			continue
		case len(rest) > 1 && (rest[1] == '!' || rest[1] == '?'): // a doctype or a bogus comment, to the next >
			end := bytes.IndexByte(rest, '>')
			if end < 0 {
				return false
			}
			i += end + 1
			continue
		}
		closing := len(rest) > 1 && rest[1] == '/'
		t := 1
		if closing {
			t = 2
		}
		if t >= len(rest) || !isASCIILetter(rest[t]) {
			if !closing {
				i++ // a < that starts no tag is text
				continue
			}
			// </ and no name: a comment to the next >, which a
			// content cut short would take past its end.
			end := bytes.IndexByte(rest, '>')
			if end < 0 {
				return false
			}
			i += end + 1
			continue
		}
		e := t
		for e < len(rest) && isNameByte(rest[e]) {
			e++
		}
		tag := bytes.ToLower(rest[t:e])
		k := tagEnd(rest[e:])
		if k < 0 {
			return false
		}
		attrs := bytes.ToLower(rest[e : e+k])
		if string(tag) == "link" || string(tag) == "plaintext" || string(tag) == "script" && bytes.Contains(attrs, []byte("src")) {
			return false
		}
		i += e + k
		// In SVG and MathML a tag may close itself, no element's content
		// is text, and an HTML element such as <p> would end them.
		foreign := slices.ContainsFunc(open, func(o []byte) bool { return string(o) == "svg" || string(o) == "math" })
		switch {
		case closing:
			if len(open) == 0 || !bytes.Equal(open[len(open)-1], tag) {
				return false
			}
			open = open[:len(open)-1]
		case foreign && htmlOnly[string(tag)]:
			return false
		case foreign && bytes.HasSuffix(attrs, []byte("/>")):
		case foreign:
			open = append(open, tag)
		case rawText[string(tag)]:
			end := endTag(content[i:], tag)
			if end < 0 {
				return false
			}
			i += end
		case !voidElements[string(tag)]: // an HTML element's /> closes nothing
			open = append(open, tag)
		}
	}
	return len(open) == 0
}

// htmlOnly are the tags that end SVG and MathML content where they
// appear (the HTML standard's "breakout" tags, and font).
var htmlOnly = map[string]bool{"b": true, "big": true, "blockquote": true, "body": true, "br": true, "center": true,
	"code": true, "dd": true, "div": true, "dl": true, "dt": true, "em": true, "embed": true, "font": true, "h1": true,
	"h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "head": true, "hr": true, "i": true, "img": true,
	"li": true, "listing": true, "menu": true, "meta": true, "nobr": true, "ol": true, "p": true, "pre": true,
	"ruby": true, "s": true, "small": true, "span": true, "strong": true, "strike": true, "sub": true, "sup": true,
	"table": true, "tt": true, "u": true, "ul": true, "var": true}

// voidElements are the HTML elements that have no end tag.
var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}

// tagEnd returns the index just after the > that ends the tag whose
// attributes begin rest, or -1: quoted attribute values may hold a >.
func tagEnd(rest []byte) int {
	for i := 0; i < len(rest); i++ {
		switch rest[i] {
		case '>':
			return i + 1
		case '=':
			j := i + 1
			for j < len(rest) && bytes.IndexByte([]byte(spaces), rest[j]) >= 0 {
				j++
			}
			if j < len(rest) && (rest[j] == '"' || rest[j] == '\'') {
				q := bytes.IndexByte(rest[j+1:], rest[j])
				if q < 0 {
					return -1
				}
				i = j + 1 + q
			}
		}
	}
	return -1
}

// endTag returns the index just after the end tag of the text element
// tag (lower case) in text, as the browser finds it, or -1.
func endTag(text, tag []byte) int {
	for i := 0; ; {
		j := bytes.Index(text[i:], []byte("</"))
		if j < 0 {
			return -1
		}
		i += j + 2
		if len(text)-i >= len(tag) && bytes.EqualFold(text[i:i+len(tag)], tag) && (len(text)-i == len(tag) || !isNameByte(text[i+len(tag)])) {
			k := tagEnd(text[i+len(tag):])
			if k < 0 {
				return -1
			}
			return i + len(tag) + k
		}
	}
}

func isNameByte(c byte) bool {
	return isASCIILetter(c) || '0' <= c && c <= '9' || c == '-'
}
