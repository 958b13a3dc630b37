package yamlnode

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"descent/diag"

	"gopkg.in/yaml.v3"
)

// Parse parses src into a document node. A syntax error is reported at
// its line, offset by base (the file line of src's first line, minus one).
func Parse(src []byte, base int, l *diag.List) (*yaml.Node, bool) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		line, msg := errorLine(err)
		if tab := tabIndent(src); tab > 0 && strings.Contains(msg, "cannot start any token") {
			l.Add(base+tab, "YAML", "a tab indents this line; YAML indents with spaces only")
			return nil, false
		}
		if strings.Contains(msg, "did not find expected ',' or") {
			if open := unclosedBracket(src); open > 0 {
				line = open // yaml.v3 names the line its mapping began on
				msg += ": a [ or { opened here is not closed"
			}
		}
		if strings.Contains(msg, "unknown escape character") {
			msg += `: in double quotes a backslash begins an escape (\n, \"); write TeX in single quotes, '$\lambda$', or double each backslash`
		}
		l.Add(base+line, "YAML", "%s", msg)
		return nil, false
	}
	if len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.MappingNode, Line: 1}, true
	}
	before := len(l.Errs)
	texEscapes(doc.Content[0], "", src, base, l)
	return doc.Content[0], len(l.Errs) == before
}

// texEscapes reports each double-quoted value holding $…$ math whose
// source has an escape that TeX commands begin with: "$\theta$" holds a
// tab and "heta", "$\nabla$" a line break, "$\Lambda$" a line separator.
// The source is looked at, not the value, so that a tab, a no-break space
// or a line break typed as such is no mistake.
func texEscapes(n *yaml.Node, key string, src []byte, base int, l *diag.List) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			texEscapes(n.Content[i+1], n.Content[i].Value, src, base, l)
		}
	case yaml.SequenceNode:
		for _, c := range n.Content {
			texEscapes(c, key, src, base, l)
		}
	case yaml.ScalarNode:
		if n.Style&yaml.DoubleQuotedStyle == 0 || !strings.Contains(n.Value, "$") {
			return
		}
		if esc := quotedEscape(src, n.Line, n.Column); esc != "" {
			l.Add(base+n.Line, key, "in double quotes YAML reads %s as one character, so the TeX lost its backslash; write TeX in single quotes ('$\\theta$'), or double each backslash", esc)
		}
	}
}

// quotedEscape finds the double-quoted text that starts at line and
// column (from 1; columns counted in bytes, near enough for the ASCII
// that comes before a value) and returns its first escape that TeX would
// have meant as a command (\t, \n, \b…), or "".
func quotedEscape(src []byte, line, column int) string {
	at := 0
	for i := 1; i < line && at < len(src); i++ {
		j := bytes.IndexByte(src[at:], '\n')
		if j < 0 {
			return ""
		}
		at += j + 1
	}
	at += max(column-1, 0)
	if at >= len(src) {
		return ""
	}
	open := bytes.IndexByte(src[at:], '"')
	if open < 0 {
		return ""
	}
	for i := at + open + 1; i < len(src); i++ {
		switch src[i] {
		case '"':
			return ""
		case '\\':
			if i+1 < len(src) && strings.IndexByte("tnrabvfe0NLP_", src[i+1]) >= 0 {
				return "\\" + string(src[i+1])
			}
			i++
		}
	}
	return ""
}

// unclosedBracket is the line (from 1) of the innermost [ or { that is
// never closed, or 0. Quoted text and comments are skipped, roughly: it
// only places a message yaml.v3 already gave.
func unclosedBracket(src []byte) int {
	var open []int // lines of the brackets still open
	for i, ln := range strings.Split(string(src), "\n") {
		quote := byte(0)
		for j := 0; j < len(ln); j++ {
			c := ln[j]
			switch {
			case quote != 0:
				if c == '\\' && quote == '"' {
					j++
				} else if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '#' && (j == 0 || ln[j-1] == ' '):
				j = len(ln)
			case c == '[' || c == '{':
				open = append(open, i+1)
			case (c == ']' || c == '}') && len(open) > 0:
				open = open[:len(open)-1]
			}
		}
	}
	if len(open) == 0 {
		return 0
	}
	return open[len(open)-1]
}

// tabIndent is the first line (from 1) indented with a tab, or 0. yaml.v3
// says only that a character "cannot start any token", at a line near it.
func tabIndent(src []byte) int {
	for i, ln := range strings.Split(string(src), "\n") {
		if strings.HasPrefix(strings.TrimLeft(ln, " "), "\t") {
			return i + 1
		}
	}
	return 0
}

// yamlLineRE is compiled on first use: at init it cost every build's start.
var yamlLineRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
})

func errorLine(err error) (int, string) {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	if m := yamlLineRE().FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n, m[2]
	}
	return 1, strings.TrimPrefix(msg, "yaml: ")
}

// Pair is one key of a mapping with its value.
type Pair struct {
	Key  string
	Line int // the key's line in the YAML source
	Val  *yaml.Node
}

// Mapping returns the key/value pairs of n, reporting duplicate keys.
func Mapping(n *yaml.Node, base int, key string, l *diag.List) ([]Pair, bool) {
	n = Resolve(n)
	if n.Kind != yaml.MappingNode {
		l.Add(base+n.Line, key, "expected a mapping of keys to values, found %s", Describe(n))
		return nil, false
	}
	var out []Pair
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if seen[k.Value] {
			l.Add(base+k.Line, Join(key, k.Value), "appears twice; keep one")
			continue
		}
		seen[k.Value] = true
		out = append(out, Pair{Key: k.Value, Line: k.Line, Val: n.Content[i+1]})
	}
	return out, true
}

// Block parses src, the body of a fenced block whose kind is block ("a
// quiz block"), as a mapping of the keys it takes: it returns the root and
// the pairs by key, and reports each key that is not one of keys, naming
// them all, and leaves it out.
func Block(src []byte, base int, block string, keys []string, l *diag.List) (*yaml.Node, map[string]Pair, bool) {
	root, ok := Parse(src, base, l)
	if !ok {
		return nil, nil, false
	}
	pairs, ok := Mapping(root, base, "", l)
	if !ok {
		return nil, nil, false
	}
	byKey := map[string]Pair{}
	for _, p := range pairs {
		if !slices.Contains(keys, p.Key) {
			l.Add(base+p.Line, p.Key, "unknown key%s; %s takes %s", diag.Suggest(p.Key, keys, nil), block, strings.Join(keys, ", "))
			continue
		}
		byKey[p.Key] = p
	}
	return root, byKey, true
}

// Resolve follows aliases to the node they name.
func Resolve(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// Join names key inside prefix: "runs" and "lr" make "runs.lr".
func Join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// Describe says what n is, for an error message.
func Describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "nothing"
		case "!!str":
			return fmt.Sprintf("the text %q", n.Value)
		case "!!bool":
			return "the boolean " + n.Value
		}
		return n.Value
	}
	return "something else"
}

// IsNumber reports whether n is a YAML integer or float.
// A number too large for a float64 (1e400), which YAML takes for text, is
// a number too: Number then says it is too large.
func IsNumber(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && (n.Tag == "!!int" || n.Tag == "!!float" || tooLarge(n))
}

// tooLarge reports a plain scalar written as a number that YAML could not
// read as one.
func tooLarge(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!str" && n.Style == 0 && numberRE().MatchString(n.Value)
}

// Number reads a finite number. YAML's 1e-3 and 0.001 are both numbers.
func Number(n *yaml.Node) (float64, error) {
	n = Resolve(n)
	if tooLarge(n) {
		return 0, fmt.Errorf("%s is too large for a float64 (the largest is about 1.8e308)", n.Value)
	}
	if !IsNumber(n) {
		return 0, fmt.Errorf("expected a number, found %s", Describe(n))
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
	if err != nil {
		if i, err2 := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64); err2 == nil {
			return float64(i), nil
		}
		return 0, fmt.Errorf("expected a finite number, found %s", n.Value)
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("expected a finite number, found %s", n.Value)
	}
	if mantissa, _, _ := strings.Cut(strings.ToLower(n.Value), "e"); v == 0 && strings.ContainsAny(mantissa, "123456789") {
		// ParseFloat rounds 1e-400 to 0 without a word; a setting would
		// then say "not 0" of what the author wrote as 1e-400.
		return 0, fmt.Errorf("%s is too small for a float64 (the smallest is about 4.9e-324) and would be 0", n.Value)
	}
	return v, nil
}

// numberRE is what YAML writes as a float, in decimal.
// It is compiled on first use: at init it cost every build's start.
var numberRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$`)
})

// maxInteger is the largest whole number read: a float64 holds every
// integer up to 2^53, and no setting needs more.
const maxInteger = 1e15

// Integer reads a whole number.
func Integer(n *yaml.Node) (int, error) {
	v, err := Number(n)
	if err != nil {
		if tooLarge(Resolve(n)) {
			return 0, err // too large for a float64, and it says so
		}
		return 0, fmt.Errorf("expected a whole number, found %s", Describe(Resolve(n)))
	}
	if math.Abs(v) > maxInteger {
		return 0, fmt.Errorf("%s is too large for a whole number here (at most 10^15)", Resolve(n).Value)
	}
	if v != math.Trunc(v) {
		return 0, fmt.Errorf("expected a whole number, found %s", Resolve(n).Value)
	}
	return int(v), nil
}

// Boolean reads true or false.
func Boolean(n *yaml.Node) (bool, error) {
	n = Resolve(n)
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		return false, fmt.Errorf("expected true or false, found %s", Describe(n))
	}
	// An explicit tag (!!bool yes) keeps the text as written; YAML 1.2
	// spells a boolean true or false, and anything else is a mistake, not
	// false (a draft: !!bool yes was published).
	switch n.Value {
	case "true", "True", "TRUE":
		return true, nil
	case "false", "False", "FALSE":
		return false, nil
	}
	return false, fmt.Errorf("expected true or false, found %q", n.Value)
}

// Text reads a scalar as text: a title such as 2024 is text too. A
// control character other than tab and line ends is refused. (Parse has
// refused TeX whose backslash double quotes took.)
func Text(n *yaml.Node) (string, error) {
	n = Resolve(n)
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return "", fmt.Errorf("expected text, found %s", Describe(n))
	}
	if i := strings.IndexFunc(n.Value, func(r rune) bool { return unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' }); i >= 0 {
		// "\u0007" in double quotes: no page can show it.
		r, _ := utf8.DecodeRuneInString(n.Value[i:])
		return "", fmt.Errorf("holds the control character %U; remove it", r)
	}
	return n.Value, nil
}
