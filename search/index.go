package search

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Page is one page of the site as the index sees it.
type Page struct {
	URL, Title string
	Sections   []Section // in page order; the first may have no heading
}

// Section is the text under one heading.
type Section struct {
	ID, Heading, Text string
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

// Build returns the index's files, by name relative to the index folder:
//
//	index.js  Callback("index", {"v": 1, "pages": [[url, title, first section], …],
//	          "secs": [[page, id, heading], …], "shards": ["HEX", …]})
//	t-HEX.js  Callback("t-HEX", {term: [section, weight, section, weight, …], …})
//	          for the terms whose first two runes are HEX (hex of their UTF-8)
//	p-N.js    Callback("p-N", [text of each section of page N])
//
// Terms are Terms of the text: lower case, runs of letters and digits.
func Build(pages []Page) map[string][]byte {
	var secs [][3]any
	var pageRows [][3]any
	postings := map[string]map[int]int{}
	add := func(term string, sec, w int) {
		p := postings[term]
		if p == nil {
			p = map[int]int{}
			postings[term] = p
		}
		p[sec] += w
	}
	files := map[string][]byte{}
	for pi, pg := range pages {
		ss := pg.Sections
		if len(ss) == 0 || ss[0].Heading != "" {
			ss = append([]Section{{}}, ss...)
		}
		first := len(secs)
		pageRows = append(pageRows, [3]any{pg.URL, pg.Title, first})
		texts := make([]string, len(ss))
		for i, s := range ss {
			sec := len(secs)
			secs = append(secs, [3]any{pi, s.ID, s.Heading})
			texts[i] = s.Text
			for _, t := range uniq(Terms(s.Heading)) {
				add(t, sec, headingWeight)
			}
			counts := map[string]int{}
			for _, t := range Terms(s.Text) {
				counts[t]++
			}
			for t, n := range counts {
				add(t, sec, min(n, maxBody))
			}
		}
		for _, t := range uniq(Terms(pg.Title)) {
			add(t, first, titleWeight)
		}
		files[fmt.Sprintf("p-%d.js", pi)] = script(fmt.Sprintf("p-%d", pi), texts)
	}
	shards := map[string]map[string][]int{}
	for term, p := range postings {
		k := ShardKey(term)
		if shards[k] == nil {
			shards[k] = map[string][]int{}
		}
		order := make([]int, 0, len(p))
		for sec := range p {
			order = append(order, sec)
		}
		sort.Ints(order)
		list := make([]int, 0, 2*len(p))
		for _, sec := range order {
			list = append(list, sec, p[sec])
		}
		shards[k][term] = list
	}
	keys := make([]string, 0, len(shards))
	for k, terms := range shards {
		keys = append(keys, k)
		files["t-"+k+".js"] = script("t-"+k, terms)
	}
	sort.Strings(keys)
	files["index.js"] = script("index", map[string]any{"v": 1, "pages": pageRows, "secs": secs, "shards": keys})
	return files
}

// script writes Callback("key", data);.
func script(key string, data any) []byte {
	b, err := json.Marshal(data) // maps are written in key order
	if err != nil {
		panic("search: " + err.Error()) // strings, ints and slices of them always marshal
	}
	return []byte(Callback + "(" + fmt.Sprintf("%q", key) + "," + string(b) + ");\n")
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
	sort.Strings(ts)
	var out []string
	for i, t := range ts {
		if i == 0 || t != ts[i-1] {
			out = append(out, t)
		}
	}
	return out
}

// ShardKey is the shard a term is in: the hex of its first two runes.
func ShardKey(term string) string {
	r := []rune(term)
	return hex.EncodeToString([]byte(string(r[:min(2, len(r))])))
}
