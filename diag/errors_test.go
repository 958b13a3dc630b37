package diag

import "testing"

func TestPrintable(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"plain", "steps: must be at least 1", "steps: must be at least 1"},
		{"unicode", "日本語 ∂f/∂x — “quoted”", "日本語 ∂f/∂x — “quoted”"},
		{"clear screen", "\x1b[2J\x1b[Hbuild OK", `\x1b[2J\x1b[Hbuild OK`},
		{"clipboard", "\x1b]52;c;ZXZpbA==\a", `\x1b]52;c;ZXZpbA==\a`},
		{"newline and return", "a\nb\rc\td", `a\nb\rc\td`},
		{"C1 control", "a\u009bb", `a\u009bb`},
		{"right-to-left override", "abc\u202edcba", `abc\u202edcba`},
		{"isolates", "\u2066x\u2069", `\u2066x\u2069`},
		{"invalid UTF-8", "a\xffb", "a\ufffdb"},
		{"DEL", "a\x7fb", `a\x7fb`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Printable(tt.in); got != tt.want {
				t.Errorf("Printable(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestErrorOneLine(t *testing.T) {
	t.Parallel()
	e := &Error{File: "content/s/\x1bx.md", Line: 3, Key: "k\ney", Msg: "two\nlines"}
	if got, want := e.Error(), `content/s/\x1bx.md:3: k\ney: two\nlines`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// FuzzPrintable: whatever the text, what reaches the terminal has no
// control character and no line break.
func FuzzPrintable(f *testing.F) {
	f.Add("\x1b[2Jbuild OK\n")
	f.Add("abc\u202edcba")
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range Printable(s) {
			if unprintable(r) && r != '\ufffd' {
				t.Fatalf("Printable(%q) holds %U", s, r)
			}
		}
	})
}

// A list over its limit counts the errors it does not list.
func TestCount(t *testing.T) {
	t.Parallel()
	l := &List{File: "f"}
	for i := range 120 {
		l.Add(i+1, "", "bad")
	}
	if len(l.Errs) != MaxPerFile+1 {
		t.Fatalf("%d errors listed, want %d", len(l.Errs), MaxPerFile+1)
	}
	if n := append(l.Errs, &Error{File: "g", Msg: "x"}).Count(); n != 121 {
		t.Errorf("Count = %d, want 121", n)
	}
}

func TestBadUTF8Line(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		src  string
		line int
	}{{"", 0}, {"é\nü", 0}, {"\xff", 1}, {"a\nb\nM\xfcller\n\xff", 3}, {"a\n\n\xc3", 3}} {
		if got := BadUTF8Line([]byte(tt.src)); got != tt.line {
			t.Errorf("BadUTF8Line(%q) = %d, want %d", tt.src, got, tt.line)
		}
	}
}

func TestControlLine(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		src  string
		line int
		r    rune
	}{
		{"", 0, 0}, {"tab\there\r\nand é", 0, 0}, {"a\n\x01", 2, 1}, {"a\nb\nc\x1b[2J", 3, 0x1b},
		{"del\x7f", 1, 0x7f}, {"x\n\u0085next line", 2, 0x85}, {"\u00a0 no-break space, \u00e9", 0, 0},
	} {
		if line, r := ControlLine([]byte(tt.src)); line != tt.line || r != tt.r {
			t.Errorf("ControlLine(%q) = %d, %U; want %d, %U", tt.src, line, r, tt.line, tt.r)
		}
	}
}

// controlLineByByte is ControlLine as it was first written, one byte at a
// time with a line count: what the table-driven scan must agree with.
func controlLineByByte(src []byte) (int, rune) {
	line := 1
	for i, c := range src {
		switch {
		case c == '\n':
			line++
		case c < 0x20 && c != '\t' && c != '\r' || c == 0x7f:
			return line, rune(c)
		case c == 0xc2 && i+1 < len(src) && 0x80 <= src[i+1] && src[i+1] <= 0x9f:
			return line, rune(src[i+1])
		}
	}
	return 0, 0
}

func FuzzControlLine(f *testing.F) {
	for _, s := range []string{"a\nb\x01", "·\n\xc2\x85", "\xc2", "\xc2\xa0\x7f", "\t\r\n", "é\n\n\x1b[2J"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		gotLine, gotR := ControlLine(src)
		wantLine, wantR := controlLineByByte(src)
		if gotLine != wantLine || gotR != wantR {
			t.Errorf("ControlLine(%q) = %d, %U; byte by byte %d, %U", src, gotLine, gotR, wantLine, wantR)
		}
	})
}
