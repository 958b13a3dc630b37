package yamlnode

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"descent/diag"

	"gopkg.in/yaml.v3"
)

// Parse parses src into a document node. A syntax error is reported at
// its line, offset by base (the file line of src's first line, minus one).
func Parse(src []byte, base int, l *diag.List) (*yaml.Node, bool) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		line, msg := errorLine(err)
		l.Add(base+line, "", "YAML: %s", msg)
		return nil, false
	}
	if len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.MappingNode, Line: 1}, true
	}
	return doc.Content[0], true
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func errorLine(err error) (int, string) {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
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
func IsNumber(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && (n.Tag == "!!int" || n.Tag == "!!float")
}

// Number reads a finite number. YAML's 1e-3 and 0.001 are both numbers.
func Number(n *yaml.Node) (float64, error) {
	n = Resolve(n)
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
	return v, nil
}

// Integer reads a whole number.
func Integer(n *yaml.Node) (int, error) {
	v, err := Number(n)
	if err != nil {
		return 0, fmt.Errorf("expected a whole number, found %s", Describe(Resolve(n)))
	}
	if v != math.Trunc(v) || math.Abs(v) > 1e15 {
		return 0, fmt.Errorf("expected a whole number, found %s", n.Value)
	}
	return int(v), nil
}

// Boolean reads true or false.
func Boolean(n *yaml.Node) (bool, error) {
	n = Resolve(n)
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		return false, fmt.Errorf("expected true or false, found %s", Describe(n))
	}
	return n.Value == "true" || n.Value == "True" || n.Value == "TRUE", nil
}

// Text reads a scalar as text: a title such as 2024 is text too.
func Text(n *yaml.Node) (string, error) {
	n = Resolve(n)
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return "", fmt.Errorf("expected text, found %s", Describe(n))
	}
	return n.Value, nil
}
