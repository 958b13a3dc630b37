package search

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// Page is one page of the site as the index sees it.
type Page struct {
	URL, Title string
	TitleMath  string    // the title's formulas as TeX, for terms only (see Section.Math)
	Sections   []Section // in page order; the first may have no heading
}

// Section is the text under one heading and, once the page is weighed
// (Weigh), its terms.
type Section struct {
	ID, Heading, Text string
	// Math and HeadingMath are more text whose terms count as the Text's
	// and the Heading's, but that no snippet shows: formulas as TeX, where
	// Text and Heading write them as Unicode. Weigh counts them and leaves
	// them empty.
	Math, HeadingMath string
	Terms             []string // the section's terms, sorted, each once
	Weights           []int    // Weights[i] is the weight of Terms[i] here
}

// Weights of a term by where it appears; a body term counts once per
// occurrence, up to maxBody.
const (
	titleWeight   = 12
	headingWeight = 6
	maxBody       = 5
	minTerm       = 2  // runes: shorter words are not indexed
	maxTerm       = 24 // runes: longer ones are cut
)

// Callback is the function each file calls with its key and data.
const Callback = "__descentSearch"

// Weigh splits a page into its terms, which is most of the work of
// indexing it: it returns the page with a first section without a heading
// (where the title's terms go) and every section's Terms and Weights. A
// caller that indexes the same pages build after build weighs a page once,
// when its text changes, and keeps the result.
func Weigh(p Page) Page {
	ss := p.Sections
	if len(ss) == 0 || ss[0].Heading != "" {
		ss = append([]Section{{}}, ss...)
	} else {
		ss = slices.Clone(ss)
	}
	// Two maps serve every section, cleared between them.
	w, body := map[string]int{}, map[string]int{}
	for i := range ss {
		clear(w)
		clear(body)
		for _, t := range uniq(Terms(ss[i].Heading + " " + ss[i].HeadingMath)) {
			w[t] += headingWeight
		}
		count := func(t []byte) {
			if n, ok := body[string(t)]; ok { // no new string for a word seen before
				body[string(t)] = n + 1
				return
			}
			body[string(t)] = 1
		}
		eachTerm(ss[i].Text, count)
		eachTerm(ss[i].Math, count)
		ss[i].Math, ss[i].HeadingMath = "", ""
		for t, n := range body {
			w[t] += min(n, maxBody)
		}
		if i == 0 {
			for _, t := range uniq(Terms(p.Title + " " + p.TitleMath)) {
				w[t] += titleWeight
			}
		}
		ss[i].Terms = make([]string, 0, len(w))
		for t := range w {
			ss[i].Terms = append(ss[i].Terms, t)
		}
		slices.Sort(ss[i].Terms)
		ss[i].Weights = make([]int, len(w))
		for j, t := range ss[i].Terms {
			ss[i].Weights[j] = w[t]
		}
	}
	p.Sections = ss
	return p
}

// weighed reports whether Weigh has run on p: it gives terms to every
// section with words, and a page none of whose sections has any is
// weighed again at no cost.
func weighed(p Page) bool {
	for _, s := range p.Sections {
		if len(s.Terms) > 0 {
			return true
		}
	}
	return false
}

// Build returns the index's files, by name relative to the index folder:
//
//	index.js  Callback("index", {"v": 1, "pages": [[url, title, first section], …],
//	          "secs": [[page, id, heading], …], "shards": ["HEX", …], "k": K})
//	          with "files": {"t-HEX": …, "p-G": …} besides, the data of
//	          the files below, when those together weigh at most
//	          InlineBytes: then they are not written on their own
//	t-HEX.js  Callback("t-HEX", {term: [section, weight, section, weight, …], …})
//	          for the terms whose first K runes are HEX (hex of their UTF-8):
//	          K is 1 for a course of up to ShardPages pages, 2 above, so a
//	          small course has a few dozen shards rather than hundreds
//	p-G.js    Callback("p-G", [[text of each section of page G·PageGroup], …]):
//	          the texts of PageGroup pages per file, so that a course of
//	          4,000 pages is 125 files, not 4,000 (creating a file costs
//	          about half a millisecond of kernel time on a virtual disk)
//
// Terms are Terms of the text: lower case, runs of letters and digits.
// Pages may come weighed (Weigh) or not; Build weighs those that are not.
func Build(pages []Page) map[string][]byte {
	var secs [][3]any
	var pageRows [][3]any
	postings := map[string][]int{}
	var groups [][][]string // the pages' section texts, PageGroup pages at a time
	files := make(map[string][]byte, len(pages)/PageGroup+len(pages)/4+2)
	for pi, pg := range pages {
		if !weighed(pg) {
			pg = Weigh(pg)
		}
		first := len(secs)
		pageRows = append(pageRows, [3]any{pg.URL, pg.Title, first})
		texts := make([]string, len(pg.Sections))
		if pi%PageGroup == 0 {
			groups = append(groups, nil)
		}
		for i, s := range pg.Sections {
			sec := len(secs)
			secs = append(secs, [3]any{pi, s.ID, s.Heading})
			texts[i] = s.Text
			// Sections come in order, so each list is sorted by section.
			for j, t := range s.Terms {
				postings[t] = append(postings[t], sec, s.Weights[j])
			}
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], texts)
	}
	parts := map[string][]byte{} // by key: the data of each file but the index
	for g, texts := range groups {
		parts[fmt.Sprintf("p-%d", g)] = marshal(texts)
	}
	shards, runes := map[string][]string{}, shardRunes(len(pages))
	for term := range postings {
		k := ShardKey(term, runes)
		shards[k] = append(shards[k], term)
	}
	keys := make([]string, 0, len(shards))
	for k, terms := range shards {
		keys = append(keys, k)
		slices.Sort(terms)
		parts["t-"+k] = shardJSON(terms, postings)
	}
	slices.Sort(keys)
	index := map[string]any{"v": 1, "pages": pageRows, "secs": secs, "shards": keys, "k": runes}
	size := 0
	for _, b := range parts {
		size += len(b)
	}
	if size <= InlineBytes {
		inline := make(map[string]json.RawMessage, len(parts))
		for k, b := range parts {
			inline[k] = b
		}
		index["files"] = inline
	} else {
		for k, b := range parts {
			files[k+".js"] = script(k, b)
		}
	}
	files["index.js"] = script("index", marshal(index))
	return files
}

// InlineBytes is the most the shards and page texts of a course may weigh
// to travel inside index.js: a small course's index is then one file, and
// a reader's first search one request rather than three or four.
const InlineBytes = 64 << 10

// PageGroup is how many pages' texts share a p-G.js file.
const PageGroup = 32

// script writes Callback("key", data);.
func script(key string, data []byte) []byte {
	return []byte(Callback + "(" + strconv.Quote(key) + "," + string(data) + ");\n")
}

// marshal is json.Marshal of strings, ints, slices and maps of them, which
// always marshal; maps are written in key order.
func marshal(data any) []byte {
	b, err := json.Marshal(data)
	if err != nil {
		panic("search: " + err.Error())
	}
	return b
}

// shardJSON writes {term: [postings], …} with terms in order, the bytes
// json.Marshal would write for the map: a term is letters and digits only,
// which JSON and a script element take as they are.
func shardJSON(terms []string, postings map[string][]int) []byte {
	n := 4
	for _, t := range terms {
		n += len(t) + 4 + 8*len(postings[t])
	}
	b := make([]byte, 0, n)
	b = append(b, '{')
	for i, t := range terms {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, t...)
		b = append(b, `":[`...)
		for j, v := range postings[t] {
			if j > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, int64(v), 10)
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// Terms splits text into index terms: lower case, runs of letters and
// numbers (search.js splits a query by the same runes: its LETTERS table), of at least minTerm runes,
// cut at maxTerm.
func Terms(text string) []string {
	var out []string
	eachTerm(text, func(t []byte) { out = append(out, string(t)) })
	return out
}

// eachTerm calls f with each term of text, in a buffer f must not keep.
// It lower-cases word by word, without a lower-cased copy of the text or
// a slice of its words: indexing a page is mostly this.
func eachTerm(text string, f func([]byte)) {
	buf := make([]byte, 0, 4*maxTerm)
	runes := 0
	flush := func() {
		if runes >= minTerm {
			f(buf)
		}
		buf, runes = buf[:0], 0
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf { // ASCII, most of any text
			i++
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			default:
				flush()
				continue
			}
			if runes < maxTerm {
				buf = append(buf, c)
			}
			runes++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if !unicode.IsLetter(r) && !unicode.IsNumber(r) || isScript(r) {
			flush()
			continue
		}
		if runes < maxTerm {
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		}
		runes++
	}
	flush()
}

// isScript reports the raised and lowered digits and letters that a
// formula's Unicode text uses (x², θₜ, xʸ): they end a term, as they do in
// search.js, so that "k²" is the term k (too short to keep), not one of
// its own.
func isScript(r rune) bool {
	return r == '²' || r == '³' || r == '¹' || 0x02b0 <= r && r <= 0x02b8 || 0x02e0 <= r && r <= 0x02e4 ||
		0x1d2c <= r && r <= 0x1d6a || 0x1d9b <= r && r <= 0x1dbf || 0x2070 <= r && r <= 0x209f || r == 0x2c7c
}

func uniq(ts []string) []string {
	slices.Sort(ts)
	return slices.Compact(ts)
}

// ShardPages is the largest course whose terms are sharded by their first
// rune alone.
const ShardPages = 200

// shardRunes is how many leading runes name a term's shard.
func shardRunes(pages int) int {
	if pages <= ShardPages {
		return 1
	}
	return 2
}

// ShardKey is the shard a term is in: the hex of its first runes runes.
func ShardKey(term string, runes int) string {
	r := []rune(term)
	return hex.EncodeToString([]byte(string(r[:min(runes, len(r))])))
}
