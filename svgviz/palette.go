package svgviz

import "math"

// runColors gives each of a figure's up to 24 runs its own colour: first the
// Okabe–Ito palette, safe for the common forms of colour blindness, without
// its black (lost on a dark page) and ordered so the first few stand apart
// on the pale contour bands; then Paul Tol's muted and dark palettes, minus
// the colours too close to those before them. Runs from the eighth on are
// also dashed (see Dash), so no two look alike even where colours are near.
var runColors = [...]string{
	"#0072b2", // blue
	"#d55e00", // vermillion
	"#009e73", // bluish green
	"#cc79a7", // reddish purple
	"#e69f00", // orange
	"#56b4e9", // sky blue
	"#f0e442", // yellow
	"#332288", // indigo
	"#882255", // wine
	"#117733", // green
	"#999933", // olive
	"#cc6677", // rose
	"#44aa99", // teal
	"#aa4499", // purple
	"#ddcc77", // sand
	"#88ccee", // cyan
	"#ee3377", // magenta
	"#cc3311", // red
	"#004488", // dark blue
	"#997700", // ochre
	"#6699cc", // steel blue
	"#994455", // plum
	"#555555", // dark grey
	"#ee99aa", // pink
}

// Dash returns the stroke-dasharray of palette index i ("" for a solid
// line): solid for the first seven colours, dashed for the next nine,
// dotted for the last eight.
func Dash(i int) string {
	switch n := ((i % len(runColors)) + len(runColors)) % len(runColors); {
	case n < 7:
		return ""
	case n < 16:
		return "7 3"
	}
	return "2 2.5"
}

// Color returns the CSS colour of palette index i. Indices wrap around
// after 24, and negative ones count from the end.
func Color(i int) string {
	n := len(runColors)
	return runColors[((i%n)+n)%n]
}

// viridis holds eleven evenly spaced colours of matplotlib's viridis map,
// which is perceptually uniform; colours between them are interpolated.
var viridis = [...][3]float64{
	{0x44, 0x01, 0x54}, {0x48, 0x24, 0x75}, {0x41, 0x44, 0x87}, {0x35, 0x5f, 0x8d},
	{0x2a, 0x78, 0x8e}, {0x21, 0x91, 0x8c}, {0x22, 0xa8, 0x84}, {0x44, 0xbf, 0x70},
	{0x7a, 0xd1, 0x51}, {0xbd, 0xdf, 0x26}, {0xfd, 0xe7, 0x25},
}

// bandWhite is how far band colours are mixed towards white, so that runs,
// markers and isolines stay legible on top of them.
const bandWhite = 0.35

// bandColor returns the colour of position t in [0, 1] on the band scale:
// viridis, lightened, from dark (low) to yellow (high).
func bandColor(t float64) string {
	t = math.Min(math.Max(t, 0), 1) * float64(len(viridis)-1)
	k := min(int(t), len(viridis)-2)
	f := t - float64(k)
	var rgb [3]byte
	for c := range rgb {
		v := viridis[k][c]*(1-f) + viridis[k+1][c]*f
		v = v*(1-bandWhite) + 255*bandWhite
		rgb[c] = byte(math.Round(v))
	}
	return hexColor(rgb)
}

func hexColor(rgb [3]byte) string {
	const digits = "0123456789abcdef"
	b := []byte("#000000")
	for c, v := range rgb {
		b[1+2*c], b[2+2*c] = digits[v>>4], digits[v&15]
	}
	return string(b)
}
