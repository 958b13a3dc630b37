package lesson

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Decoding walks yaml.v3 nodes by hand rather than unmarshalling into
// structs: every key gets checked, and every error gets the line of the key
// at fault, which strict struct decoding cannot give for wrong types.

// parseYAML parses src into a document node. A syntax error is reported at
// its line, offset by base (the file line of src's first line, minus one).
func parseYAML(src []byte, base int, l *errorList) (*yaml.Node, bool) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		line, msg := yamlErrorLine(err)
		l.add(base+line, "", "YAML: %s", msg)
		return nil, false
	}
	if len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.MappingNode, Line: 1}, true
	}
	return doc.Content[0], true
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func yamlErrorLine(err error) (int, string) {
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

// pair is one key of a mapping with its value.
type pair struct {
	key  string
	line int
	val  *yaml.Node
}

// mapping returns the key/value pairs of n, reporting duplicate keys.
func mapping(n *yaml.Node, base int, key string, l *errorList) ([]pair, bool) {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		l.add(base+n.Line, key, "expected a mapping of keys to values, found %s", describe(n))
		return nil, false
	}
	var out []pair
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if seen[k.Value] {
			l.add(base+k.Line, join(key, k.Value), "appears twice; keep one")
			continue
		}
		seen[k.Value] = true
		out = append(out, pair{key: k.Value, line: k.Line, val: n.Content[i+1]})
	}
	return out, true
}

func resolve(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

func describe(n *yaml.Node) string {
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

func isNumber(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && (n.Tag == "!!int" || n.Tag == "!!float")
}

// number reads a finite number. YAML's 1e-3 and 0.001 are both numbers.
func number(n *yaml.Node) (float64, error) {
	n = resolve(n)
	if !isNumber(n) {
		return 0, fmt.Errorf("expected a number, found %s", describe(n))
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

func integer(n *yaml.Node) (int, error) {
	v, err := number(n)
	if err != nil {
		return 0, fmt.Errorf("expected a whole number, found %s", describe(resolve(n)))
	}
	if v != math.Trunc(v) || math.Abs(v) > 1e15 {
		return 0, fmt.Errorf("expected a whole number, found %s", n.Value)
	}
	return int(v), nil
}

func boolean(n *yaml.Node) (bool, error) {
	n = resolve(n)
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		return false, fmt.Errorf("expected true or false, found %s", describe(n))
	}
	return n.Value == "true" || n.Value == "True" || n.Value == "TRUE", nil
}

// text reads a scalar as text: a title such as 2024 is text too.
func scalarText(n *yaml.Node) (string, error) {
	n = resolve(n)
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return "", fmt.Errorf("expected text, found %s", describe(n))
	}
	return n.Value, nil
}
