package figure

// The shapes of the names a directive accepts. They were regular
// expressions, compiled when the package was initialised: a tenth of a
// millisecond of every build's start-up, spent before any lesson is read
// (issue #21). TestNameShapes checks each against the expression it
// replaces.

// isBareWord reports whether s could be a catalogue name, as
// ^[A-Za-z][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*$ does: a letter, then letters,
// digits and underscores in runs joined by single hyphens.
func isBareWord(s string) bool {
	return len(s) > 0 && isLetter(s[0]) && hyphenated(s, isWordByte)
}

// isFigureID reports whether s could be a figure's id, as
// ^[a-z0-9]+(-[a-z0-9]+)*$ does: runs of lower-case letters and digits
// joined by single hyphens.
func isFigureID(s string) bool {
	return hyphenated(s, func(c byte) bool { return 'a' <= c && c <= 'z' || isDigit(c) })
}

// isConstName reports whether s could name an expression's constant, as
// ^[A-Za-z_][A-Za-z0-9_]{0,31}$ does.
func isConstName(s string) bool {
	if len(s) == 0 || len(s) > 32 || isDigit(s[0]) {
		return false
	}
	for i := range len(s) {
		if !isWordByte(s[i]) {
			return false
		}
	}
	return true
}

// hyphenated reports whether s is one or more runs of bytes in, joined by
// single hyphens, with none at either end.
func hyphenated(s string, in func(byte) bool) bool {
	run := 0 // bytes since the last hyphen
	for i := range len(s) {
		switch c := s[i]; {
		case c == '-' && run > 0:
			run = 0
		case c != '-' && in(c):
			run++
		default:
			return false
		}
	}
	return run > 0
}

func isLetter(c byte) bool   { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isDigit(c byte) bool    { return '0' <= c && c <= '9' }
func isWordByte(c byte) bool { return isLetter(c) || isDigit(c) || c == '_' }
