package search

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Page is one page of the site as the index sees it.
type Page struct {
	URL, Title string
	Sections   []Section // in page order; the first may have no heading
}

// Section is the text under one heading and, once the page is weighed
// (Weigh), its terms.
type Section struct {
	ID, Heading, Text string
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
	for i := range ss {
		w := map[string]int{}
		for _, t := range uniq(Terms(ss[i].Heading)) {
			w[t] += headingWeight
		}
		body := map[string]int{}
		for _, t := range Terms(ss[i].Text) {
			body[t]++
		}
		for t, n := range body {
			w[t] += min(n, maxBody)
		}
		if i == 0 {
			for _, t := range uniq(Terms(p.Title)) {
				w[t] += titleWeight
			}
		}
		ss[i].Terms = make([]string, 0, len(w))
		for t := range w {
			// A term is a substring of the lower-cased text: a copy
			// lets that go.
			ss[i].Terms = append(ss[i].Terms, strings.Clone(t))
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
//	          "secs": [[page, id, heading], …], "shards": ["HEX", …]})
//	t-HEX.js  Callback("t-HEX", {term: [section, weight, section, weight, …], …})
//	          for the terms whose first two runes are HEX (hex of their UTF-8)
//	p-N.js    Callback("p-N", [text of each section of page N])
//
// Terms are Terms of the text: lower case, runs of letters and digits.
// Pages may come weighed (Weigh) or not; Build weighs those that are not.
func Build(pages []Page) map[string][]byte {
	var secs [][3]any
	var pageRows [][3]any
	postings := map[string][]int{}
	files := make(map[string][]byte, len(pages)+len(pages)/4+1)
	for pi, pg := range pages {
		if !weighed(pg) {
			pg = Weigh(pg)
		}
		first := len(secs)
		pageRows = append(pageRows, [3]any{pg.URL, pg.Title, first})
		texts := make([]string, len(pg.Sections))
		for i, s := range pg.Sections {
			sec := len(secs)
			secs = append(secs, [3]any{pi, s.ID, s.Heading})
			texts[i] = s.Text
			// Sections come in order, so each list is sorted by section.
			for j, t := range s.Terms {
				postings[t] = append(postings[t], sec, s.Weights[j])
			}
		}
		files[fmt.Sprintf("p-%d.js", pi)] = script(fmt.Sprintf("p-%d", pi), texts)
	}
	shards := map[string][]string{}
	for term := range postings {
		k := ShardKey(term)
		shards[k] = append(shards[k], term)
	}
	keys := make([]string, 0, len(shards))
	for k, terms := range shards {
		keys = append(keys, k)
		slices.Sort(terms)
		files["t-"+k+".js"] = shard("t-"+k, terms, postings)
	}
	slices.Sort(keys)
	files["index.js"] = script("index", map[string]any{"v": 1, "pages": pageRows, "secs": secs, "shards": keys})
	return files
}

// script writes Callback("key", data);.
func script(key string, data any) []byte {
	b, err := json.Marshal(data) // maps are written in key order
	if err != nil {
		panic("search: " + err.Error()) // strings, ints and slices of them always marshal
	}
	return []byte(Callback + "(" + strconv.Quote(key) + "," + string(b) + ");\n")
}

// shard writes Callback("key", {term: [postings], …}); with terms in
// order, the bytes json.Marshal would write for the map: a term is letters
// and digits only, which JSON and a script element take as they are.
func shard(key string, terms []string, postings map[string][]int) []byte {
	n := len(Callback) + len(key) + 8
	for _, t := range terms {
		n += len(t) + 4 + 8*len(postings[t])
	}
	b := make([]byte, 0, n)
	b = append(b, Callback+"("...)
	b = strconv.AppendQuote(b, key)
	b = append(b, ",{"...)
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
	return append(b, "});\n"...)
}

// Terms splits text into index terms: lower case, runs of letters and
// numbers (as search.js's /[\p{L}\p{N}]+/u), of at least minTerm runes,
// cut at maxTerm.
func Terms(text string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	}) {
		if n := utf8.RuneCountInString(w); n < minTerm {
			continue
		} else if n > maxTerm {
			w = string([]rune(w)[:maxTerm])
		}
		out = append(out, w)
	}
	return out
}

func uniq(ts []string) []string {
	slices.Sort(ts)
	return slices.Compact(ts)
}

// ShardKey is the shard a term is in: the hex of its first two runes.
func ShardKey(term string) string {
	r := []rune(term)
	return hex.EncodeToString([]byte(string(r[:min(2, len(r))])))
}
