package bib

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"descent/diag"
)

const kingma = `@inproceedings{kingma2015,
  author    = {Diederik P. Kingma and Jimmy Ba},
  title     = {{Adam}: A Method for Stochastic Optimization},
  booktitle = {International Conference on Learning Representations},
  year      = 2015,
}
`

func TestParse(t *testing.T) {
	t.Parallel()
	src := "% a comment line\n@string{jmlr = \"Journal of Machine Learning Research\"}\n" + kingma + `
@article{duchi2011,
  author = "Duchi, John and Hazan, Elad and Singer, Yoram",
  title = "Adaptive Subgradient Methods",
  journal = jmlr, volume = 12, pages = {2121--2159}, year = {2011}, month = jul,
  doi = {10.5555/1953048.2021068}
}
@comment{ anything {here} }
@book(nocedal2006, author = {Nocedal, Jorge and Wright, Stephen J.}, title = {Numerical Optimization}, publisher = {Springer}, year = 2006)
@misc{cauchy, author = {Augustin-Louis Cauchy}, title = {M{\'e}thode g{\'e}n{\'e}rale pour la r{\'e}solution}, year = 1847}
`
	l := &diag.List{File: "references.bib"}
	es := Parse([]byte(src), l)
	if len(l.Errs) > 0 {
		t.Fatal(l.Errs)
	}
	if len(es) != 4 {
		t.Fatalf("%d entries", len(es))
	}
	want := []struct{ key, cite, year, html string }{
		{"kingma2015", "Kingma and Ba", "2015", "Kingma, D. P. and Ba, J. (2015). Adam: A Method for Stochastic Optimization. <em>International Conference on Learning Representations</em>."},
		{"duchi2011", "Duchi et al.", "2011", `Duchi, J., Hazan, E. and Singer, Y. (2011). Adaptive Subgradient Methods. <em>Journal of Machine Learning Research</em>, 12, 2121–2159. <a href="https://doi.org/10.5555/1953048.2021068">https://doi.org/10.5555/1953048.2021068</a>`},
		{"nocedal2006", "Nocedal and Wright", "2006", "Nocedal, J. and Wright, S. J. (2006). Numerical Optimization. <em>Springer</em>."},
		{"cauchy", "Cauchy", "1847", "Cauchy, A.-L. (1847). Méthode générale pour la résolution."},
	}
	for i, w := range want {
		e := es[i]
		if e.Key != w.key || e.Authors() != w.cite || e.Year() != w.year || e.HTML(nil) != w.html {
			t.Errorf("entry %d: %s %q %q\n%s\nwant %s", i, e.Key, e.Authors(), e.Year(), e.HTML(nil), w.html)
		}
	}
	if es[1].Line != 10 {
		t.Errorf("duchi2011 at line %d, want 10", es[1].Line)
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, src, want string }{
		{"no key", "@article{\n author = {A}, title = {T}, year = 1}\n", `references.bib:1: BibTeX: @article has no key; write one after the brace: @article{name2024, …}`},
		{"no brace", "@article kingma\n", `references.bib:1: BibTeX: expected { after @article`},
		{"unclosed value", "@article{k,\n  title = {Open\n", `references.bib:2: BibTeX: a { is never closed; close it with }`},
		{"unclosed quote", "@article{k,\n  title = \"Open\n", `references.bib:2: BibTeX: a " is never closed; close it with "`},
		{"unknown macro", "@article{k, author = {A}, title = {T}, year = 1,\n journal = jmlr}\n", `references.bib:2: BibTeX: "jmlr" is not a @string name; put the value in braces: {jmlr}`},
		{"missing fields", "@article{k,\n journal = {J}}\n", `references.bib:1: k: the entry has no author, no title, no year; a citation needs author (or editor), title and year`},
		{"duplicate key", kingma + "\n@misc{Kingma2015, author = {A}, title = {T}, year = 1}\n", `references.bib:8: Kingma2015: the key is used by the entry at line 1 too; keep one`},
		{"missing comma", "@article{k, author = {A}\n title = {T}, year = 1}\n", `references.bib:2: BibTeX: in "k": expected a comma or } after the field author`},
		{"not closed", "@article{k, author = {A}, title = {T}, year = 1,\n", `references.bib:2: BibTeX: the entry "k" is not closed; end it with }`},
		{"no type", "@{k, author = {A}}\n", `references.bib:1: BibTeX: expected an entry type after @, such as @article`},
		{"duplicate field", "@article{k, author = {A}, title = {T},\n title = {U}, year = 1}\n", `references.bib:2: BibTeX: in "k": the field title appears twice; keep one`},
		{"not UTF-8", "@article{k, author = {\xff}}", `references.bib:1: encoding: the bibliography is not valid UTF-8; save it as UTF-8`},
		{"not UTF-8 on line 3", "% refs\n@article{k,\n author = {M\xfcller}}", `references.bib:3: encoding: the bibliography is not valid UTF-8; save it as UTF-8`},
		{"deep braces", "@article{k, title = " + strings.Repeat("{", 40) + "}", `references.bib:1: BibTeX: braces nest more than 32 deep`},
		{"javascript url", "@misc{k, author = {A}, title = {T}, year = 1,\n url = {javascript:alert(1)}}\n", `references.bib:2: url: in "k": "javascript:alert(1)" is not an http or https address, which is all a reference links to; write it in full (https://…) or leave the url out`},
		{"url without a scheme", "@misc{k, author = {A}, title = {T}, year = 1,\n url = {www.example.org/x}}\n", `references.bib:2: url: in "k": "www.example.org/x" is not an http or https address, which is all a reference links to; write it in full (https://…) or leave the url out`},
		{"ftp url", "@misc{k, author = {A}, title = {T}, year = 1,\n\n url = \"ftp://ex.org/f\"}\n", `references.bib:3: url: in "k": "ftp://ex.org/f" is not an http or https address, which is all a reference links to; write it in full (https://…) or leave the url out`},
		{"url with a control character", "@misc{k, author = {A}, title = {T}, year = 1, url = {data:\x1b[31m}}\n", `references.bib:1: url: in "k": "data:[31m" is not an http or https address, which is all a reference links to; write it in full (https://…) or leave the url out`},
		{"long url", "@misc{k, author = {A}, title = {T}, year = 1, url = {file:///" + strings.Repeat("é", 60) + "}}\n", `references.bib:1: url: in "k": "file:///` + strings.Repeat("é", 36) + `…" is not an http or https address, which is all a reference links to; write it in full (https://…) or leave the url out`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l := &diag.List{File: "references.bib"}
			Parse([]byte(tt.src), l)
			if len(l.Errs) != 1 || l.Errs[0].Error() != tt.want {
				t.Errorf("got %v\nwant %s", l.Errs, tt.want)
			}
		})
	}
}

// Addresses a reference links to, and empty ones, are not mistakes.
func TestURLsLinked(t *testing.T) {
	t.Parallel()
	for _, u := range []string{"https://ex.org/a", "HTTP://EX.ORG/", "\\url{https://ex.org/b\\_c}", "", "{}"} {
		l := &diag.List{File: "r.bib"}
		Parse([]byte("@misc{k, author = {A}, title = {T}, year = 1, url = {"+u+"}}\n"), l)
		if len(l.Errs) != 0 {
			t.Errorf("url %q: %v", u, l.Errs)
		}
	}
}

// An error in one entry does not hide the next one.
func TestParseGoesOn(t *testing.T) {
	t.Parallel()
	l := &diag.List{File: "r.bib"}
	es := Parse([]byte("@article{a, title = {x\n@article{b, author = {B}, title = {T}, year = 2}\n"), l)
	if len(es) != 1 || es[0].Key != "b" || len(l.Errs) != 1 {
		t.Errorf("entries %v, errors %v", es, l.Errs)
	}
}

func TestNames(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Laurens van der Maaten":               "van der Maaten|Laurens",
		"van der Maaten, Laurens":              "van der Maaten|Laurens",
		"{Google DeepMind}":                    "Google DeepMind|",
		"Yurii Nesterov":                       "Nesterov|Yurii",
		"Paul Erd{\\H o}s":                     "Erdős|Paul",
		"Boris T. Polyak and Anatoli Juditsky": "Polyak|Boris T.;Juditsky|Anatoli",
	} {
		var got []string
		for _, n := range Names(in) {
			got = append(got, n.Last+"|"+n.First)
		}
		if strings.Join(got, ";") != want {
			t.Errorf("Names(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzBibTeX: any input gives entries with keys and the three fields, and
// formats without panicking; every error has a line inside the file.
func FuzzBibTeX(f *testing.F) {
	f.Add([]byte(kingma))
	f.Add([]byte("@string{a = \"x\" # {y}}\n@misc(k, author = a # \" and B\", title = {T\\\"{o}}, year = 1)"))
	f.Add([]byte("@comment{x}\n@preamble{\"\\newcommand\"}\n@article{k,}"))
	f.Fuzz(func(t *testing.T, src []byte) {
		l := &diag.List{File: "f.bib"}
		lines := 1 + strings.Count(string(src), "\n")
		for _, e := range Parse(src, l) {
			if e.Key == "" || e.Line < 1 || e.Line > lines {
				t.Fatalf("entry %+v", e)
			}
			_ = e.HTML(nil) + e.Authors() + e.SortKey()
		}
		for _, e := range l.Errs {
			if e.Line < 1 || e.Line > lines {
				t.Fatalf("error at line %d of %d: %v", e.Line, lines, e)
			}
		}
	})
}

// A title's formulas, between dollars as BibTeX has them, go to the
// caller's converter in the reference list, and are Unicode text in a
// citation or where there is no converter.
func TestTitleMath(t *testing.T) {
	t.Parallel()
	e := &Entry{Key: "n", Fields: map[string]string{"author": "Nesterov, Yurii", "year": "1983",
		"title": "A method  with convergence rate {$O(1/k^2)$} and \\$5 {$\\beta$}s"}}
	formula := func(tex string) (string, error) {
		if tex == `\bad` {
			return "", errors.New("math: unknown command \\bad")
		}
		return "<math>" + tex + "</math>", nil
	}
	for _, c := range []struct{ name, got, want string }{
		{"Text", Text(e.Fields["title"]), "A method with convergence rate O(1/k²) and $5 βs"},
		{"TitleHTML", must(e.TitleHTML(formula)), "A method with convergence rate <math>O(1/k^2)</math> and $5 <math>\\beta</math>s"},
		{"TitleHTML without a converter", must(e.TitleHTML(nil)), "A method with convergence rate O(1/k²) and $5 βs"},
		{"an unclosed dollar", Text("costs $5 {a}"), "costs 5 a"},
		{"two formulas side by side", Text("$a$$b$"), "ab"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	e.Fields["title"] = "Broken $\\bad$"
	if _, err := e.TitleHTML(formula); err == nil || err.Error() != "math: unknown command \\bad" {
		t.Errorf("TitleHTML's error = %v", err)
	}
	if h := e.HTML(formula); !strings.HasSuffix(h, "(1983). Broken \\bad.") { // its TeX: the error is the author's to fix
		t.Errorf("HTML with a formula that fails = %q", h)
	}
}

func must(s string, err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	return s
}

// A title's formula left open, or written as display math, is an error
// where there is a converter; an address keeps its ~ and --, and control
// characters leave the text.
func TestTitleMistakesAndAddresses(t *testing.T) {
	t.Parallel()
	formula := func(tex string) (string, error) { return "<math>" + tex + "</math>", nil }
	for title, want := range map[string]string{
		"Only one $x and a break": `a $ opens a formula that is never closed; close it with $, or write \$ for a dollar sign`,
		"$$x$$ in display":        "$$ is display math, which a title cannot hold; write the formula between single dollars",
		"Costs \\$5, $x$":         "",
		"The \\$$n$ problem":      "", // a dollar sign, then a formula
	} {
		e := &Entry{Fields: map[string]string{"title": title}}
		_, err := e.TitleHTML(formula)
		if got := fmt.Sprint(err); want == "" && err != nil || want != "" && got != want {
			t.Errorf("%q: error %v, want %q", title, err, want)
		}
	}
	e := &Entry{Fields: map[string]string{"author": "Hinton, G.", "year": "2012", "title": "Lecture 6\x01e\u009b",
		"url": "\\url{http://www.cs.toronto.edu/\\textasciitilde{}tijmen/csc321/slides/lecture\\_slides\\_lec6--a.pdf\x7f}"}}
	if h, want := e.HTML(nil), `Hinton, G. (2012). Lecture 6e. <a href="http://www.cs.toronto.edu/~tijmen/csc321/slides/lecture_slides_lec6--a.pdf">`; !strings.HasPrefix(h, want) { // \url{…}, \textasciitilde, C1 and DEL
		t.Errorf("HTML = %q, want it to begin %q", h, want)
	}
}

// A doi field becomes one https://doi.org/ link, however it is written.
func TestDOILink(t *testing.T) {
	t.Parallel()
	for doi, want := range map[string]string{
		"10.1000/abc":                     "https://doi.org/10.1000/abc",
		"doi:10.1000/abc":                 "https://doi.org/10.1000/abc",
		"DOI: 10.1000/abc":                "https://doi.org/10.1000/abc",
		"http://dx.doi.org/10.1000/abc":   "https://doi.org/10.1000/abc",
		"https://doi.org/10.1000/abc":     "https://doi.org/10.1000/abc",
		"HTTPS://DOI.ORG/10.1000/abc":     "https://doi.org/10.1000/abc",
		"10.1000/a#b?c":                   "https://doi.org/10.1000/a%23b%3Fc",
		"10.1002/(SICI)1097-4571(199806)": "https://doi.org/10.1002/(SICI)1097-4571(199806)",
	} {
		if got := doiLink(doi); got != want {
			t.Errorf("doiLink(%q) = %q, want %q", doi, got, want)
		}
	}
	e := &Entry{Fields: map[string]string{"author": "A, B", "year": "1", "title": "T", "url": "HTTPS://EX.ORG/"}}
	if h := e.HTML(nil); !strings.Contains(h, `<a href="HTTPS://EX.ORG/">`) {
		t.Errorf("an upper-case scheme is not linked: %s", h)
	}
}

// A formula in a field the reference shows as text must convert: it would
// show its TeX. One in a field never shown (an abstract) is left alone.
func TestFieldMath(t *testing.T) {
	src := "@article{a,\n  author = {Ng, A.},\n  title = {T},\n  journal = {J. of $\\lamda$},\n  abstract = {$\\lamda$},\n  year = {2001}\n}\n"
	l := &diag.List{File: "refs.bib"}
	Parse([]byte(src), l)
	if len(l.Errs) != 1 || l.Errs[0].Error() != `refs.bib:4: journal: in "a": the formula $\lamda$: math: unknown command \lamda (write \lambda)` {
		t.Errorf("errors %v", l.Errs)
	}
}

// A url written as \href{address}{text} links to the address alone.
func TestHrefAddress(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		`\href{https://ex.org/a\_b}{the page}`:           "https://ex.org/a_b",
		`\href {https://ex.org/{x}} {a {nested} text}`:   "https://ex.org/x",
		`\href{https://ex.org/}`:                         "https://ex.org/",
		`\href{https://ex.org/`:                          "https://ex.org/",
		`\href`:                                          "",
		`\url{https://ex.org/} \href{https://b.org/}{b}`: "https://ex.org/https://b.org/",
	} {
		if got := address(in); got != want {
			t.Errorf("address(%q) = %q, want %q", in, got, want)
		}
	}
	l := &diag.List{File: "r.bib"}
	Parse([]byte("@misc{k, author = {A}, title = {T}, year = 1, url = {\\href{https://ex.org/x}{the page}}}\n"), l)
	if len(l.Errs) != 0 {
		t.Errorf("an \\href url: %v", l.Errs)
	}
}
