package highlight

import (
	"strings"
	"sync"
)

// lang is one language's table.
type lang struct {
	line         []string    // line comment openers
	block        [][2]string // block comment delimiters
	quotes       []string    // string delimiters, longest first
	strPrefix    string      // letters that may open a string (Python's f, r, b)
	ops          string      // operator characters
	wordChars    string      // more characters allowed in a name (Lisp-ish, shell)
	sigil        bool        // $NAME is a variable (shells)
	keyColon     bool        // a name or string before ':' is a key (YAML, JSON)
	preproc      bool        // a line starting with # is a directive (C)
	shebang      bool        // a first line starting with #! is a directive (scripts)
	template     bool        // `…${code}…` (JavaScript)
	fstring      bool        // f"…{code}…" (Python)
	plainNumbers bool        // numbers are words like any other (a shell's arguments)

	keywords, declare, namespace, constants, types, builtins set
	defines, classes                                         set    // the word after one of these is a function or class name
	calls                                                    string // class of a name before '(' ("" to leave it a name)
	name                                                     string // class of other names
}

type set map[string]bool

func words(s string) set {
	m := set{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

const cOps = "+-*/%=<>!&|^~?"

// languages maps a fence's language name to its table. It is made on
// first use, so that a course without code pays nothing for it.
var languages = sync.OnceValue(func() map[string]*lang {
	python := &lang{
		line: []string{"#"}, quotes: []string{`"""`, `'''`, `"`, `'`}, strPrefix: "rRbBfFuU", ops: cOps + "@", fstring: true,
		keywords:  words("and as assert async await break continue del elif else except finally for global if in is lambda nonlocal not or pass raise return try while with yield def class match case"),
		namespace: words("import from"),
		constants: words("True False None"),
		builtins:  words("abs all any bool dict enumerate float int len list map max min object open print range reversed round set sorted str sum super tuple type zip isinstance self"),
		defines:   words("def"), classes: words("class"), name: "n",
	}
	goLang := &lang{
		line: []string{"//"}, block: [][2]string{{"/*", "*/"}}, quotes: []string{`"`, "`", `'`}, ops: cOps + ":",
		keywords:  words("break case chan continue default defer else fallthrough for go goto if map range return select switch"),
		declare:   words("func var const type struct interface"),
		namespace: words("package import"),
		constants: words("true false nil iota"),
		types:     words("bool byte complex64 complex128 error float32 float64 int int8 int16 int32 int64 rune string uint uint8 uint16 uint32 uint64 uintptr any"),
		builtins:  words("append cap clear close copy delete len make max min new panic print println recover"),
		defines:   words("func"), calls: "nf", name: "nx",
	}
	js := &lang{
		line: []string{"//"}, block: [][2]string{{"/*", "*/"}}, quotes: []string{`"`, `'`, "`"}, ops: cOps, template: true,
		keywords:  words("async await break case catch continue debugger default delete do else export extends finally for from if in instanceof new of return super switch this throw try typeof void while with yield"),
		declare:   words("var let const function class interface type enum"),
		namespace: words("import"),
		constants: words("true false null undefined NaN Infinity"),
		types:     words("number string boolean any unknown never object"),
		builtins:  words("Array Math Object JSON Number String Promise console document window Map Set Error parseInt parseFloat"),
		defines:   words("function"), classes: words("class"), calls: "nx", name: "nx",
	}
	shell := &lang{
		line: []string{"#"}, quotes: []string{`"`, `'`}, ops: "|&;<>=!", wordChars: "-./", sigil: true, shebang: true,
		keywords:     words("if then else elif fi for while until do done case esac function select"),
		builtins:     words("echo cd export source alias unset read printf test set eval exec shift trap wait pwd exit return"),
		plainNumbers: true,
		name:         "",
	}
	yaml := &lang{
		line: []string{"#"}, quotes: []string{`"`, `'`}, ops: "-|>&*!", wordChars: "-./", keyColon: true,
		constants: words("true false null yes no on off ~"),
		name:      "",
	}
	json := &lang{
		quotes: []string{`"`}, ops: "-", keyColon: true,
		constants: words("true false null"),
		name:      "",
	}
	c := &lang{
		line: []string{"//"}, block: [][2]string{{"/*", "*/"}}, quotes: []string{`"`, `'`}, ops: cOps,
		keywords:  words("break case catch class continue default delete do else enum for goto if namespace new operator private protected public return sizeof static struct switch template this throw try typedef union using virtual while const extern inline volatile auto register"),
		constants: words("true false NULL nullptr"),
		types:     words("void char short int long float double signed unsigned bool size_t int32_t int64_t uint8_t uint32_t uint64_t"),
		calls:     "", name: "n", preproc: true,
	}
	java := &lang{
		line: []string{"//"}, block: [][2]string{{"/*", "*/"}}, quotes: []string{`"`, `'`}, ops: cOps + "@",
		keywords:  words("abstract assert break case catch continue default do else extends final finally for if implements instanceof new private protected public return static super switch synchronized this throw throws try volatile while var"),
		declare:   words("class interface enum record"),
		namespace: words("import package"),
		constants: words("true false null"),
		types:     words("boolean byte char double float int long short void"),
		name:      "n",
	}
	rust := &lang{
		line: []string{"//"}, block: [][2]string{{"/*", "*/"}}, quotes: []string{`"`}, ops: cOps,
		keywords:  words("as async await break continue crate else enum extern for if impl in loop match mod move mut pub ref return self Self static struct super trait type unsafe where while dyn"),
		declare:   words("fn let const"),
		namespace: words("use"),
		constants: words("true false None Some Ok Err"),
		types:     words("bool char f32 f64 i8 i16 i32 i64 i128 isize str u8 u16 u32 u64 u128 usize String Vec Option Result Box"),
		defines:   words("fn"), calls: "nf", name: "n",
	}
	julia := &lang{
		line: []string{"#"}, block: [][2]string{{"#=", "=#"}}, quotes: []string{`"""`, `"`}, ops: cOps + "\\:",
		keywords:  words("begin break catch continue do else elseif end finally for function if in let local macro quote return try while where global module struct mutable abstract type"),
		namespace: words("using import export"),
		constants: words("nothing missing Inf NaN pi"),
		builtins:  words("true false println print length zeros ones rand randn sum maximum minimum abs sqrt exp log push! map collect"),
		defines:   words("function"), wordChars: "!", name: "n",
	}
	r := &lang{
		line: []string{"#"}, quotes: []string{`"`, `'`}, ops: cOps + "$@",
		keywords:  words("if else repeat while function for in next break return"),
		namespace: words("library require"),
		constants: words("TRUE FALSE NULL NA Inf NaN T F"),
		builtins:  words("c list print cat length sum mean rnorm matrix data.frame seq rep apply sapply lapply"),
		wordChars: ".", name: "n",
	}
	m := map[string]*lang{}
	for names, l := range map[string]*lang{
		"python py python3 py3": python,
		"go golang":             goLang,
		"javascript js typescript ts jsx tsx mjs": js,
		"bash sh shell zsh console shell-session": shell,
		"yaml yml":                    yaml,
		"json jsonc":                  json,
		"c cpp c++ h hpp cc cxx cuda": c,
		"java":                        java,
		"rust rs":                     rust,
		"julia jl":                    julia,
		"r":                           r,
	} {
		for _, n := range strings.Fields(names) {
			m[n] = l
		}
	}
	return m
})

// lookup returns the table for a fence's language, case-insensitively.
func lookup(name string) *lang { return languages()[strings.ToLower(name)] }
