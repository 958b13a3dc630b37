// Package jsonnum writes a float64 as encoding/json does (the shortest
// decimal that reads back to the same bits, ES6's choice of plain or
// exponent form), in about 0.7 of strconv's time: a figure's data is its
// runs' numbers, ten million of them on a course of 1,000 lessons, where
// strconv.AppendFloat was a seventh of the build's CPU (issue #21).
//
// The shortest digits come from Raffaello Giulietti's Schubfach ("The
// Schubfach way to render doubles", 2020; Java's Double.toString since JDK
// 19), written here from the paper's steps; the digits are written straight
// into the output, in pairs. Zeros, subnormals and non-finite values go to
// strconv. TestAgainstStrconv and FuzzAgainstStrconv hold it to strconv's
// bytes.
//
// It imports only the standard library, and nothing of the project.
package jsonnum

import (
	"math"
	"math/bits"
	"strconv"
)

// Append appends v as encoding/json writes it; v must be finite (json
// refuses the rest, and so does the caller).
func Append(b []byte, v float64) []byte {
	abs := math.Abs(v)
	if abs < 0x1p-1022 || math.IsInf(v, 0) || math.IsNaN(v) { // zero, subnormal (see shortest)
		return appendSlow(b, v)
	}
	m, e10 := shortest(math.Float64bits(abs))
	if v < 0 {
		b = append(b, '-')
	}
	if abs < 1e-6 || abs >= 1e21 {
		return appendExp(b, m, e10)
	}
	return appendPlain(b, m, e10)
}

// appendSlow is Append by strconv, as encoding/json does it.
func appendSlow(b []byte, v float64) []byte {
	abs, format := math.Abs(v), byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, v, format, -1, 64)
	if n := len(b); format == 'e' && n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2] = b[n-1] // e-09 → e-9
		b = b[:n-1]
	}
	return b
}

// appendPlain writes m × 10^e10 without an exponent: 0.000123, 12.5, 3e20
// as 300000000000000000000.
func appendPlain(b []byte, m uint64, e10 int) []byte {
	var digits [20]byte
	i := writeDigits(&digits, m)
	ds := digits[i:]
	point := len(ds) + e10 // digits before the decimal point
	switch {
	case point <= 0:
		b = append(b, '0', '.')
		for range -point {
			b = append(b, '0')
		}
		return append(b, ds...)
	case point < len(ds):
		b = append(b, ds[:point]...)
		b = append(b, '.')
		return append(b, ds[point:]...)
	default:
		b = append(b, ds...)
		for range point - len(ds) {
			b = append(b, '0')
		}
		return b
	}
}

// appendExp writes m × 10^e10 in exponent form as ES6 does: 1.5e-7,
// 1e+21.
func appendExp(b []byte, m uint64, e10 int) []byte {
	var digits [20]byte
	i := writeDigits(&digits, m)
	ds := digits[i:]
	b = append(b, ds[0])
	if len(ds) > 1 {
		b = append(b, '.')
		b = append(b, ds[1:]...)
	}
	x := e10 + len(ds) - 1
	if x < 0 {
		b = append(b, 'e', '-')
		x = -x
	} else {
		b = append(b, 'e', '+')
	}
	return strconv.AppendInt(b, int64(x), 10)
}

// pairs holds "00" to "99".
const pairs = "00010203040506070809101112131415161718192021222324252627282930313233343536373839" +
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879" +
	"8081828384858687888990919293949596979899"

// writeDigits writes m's decimal digits at the end of d and returns where
// they start.
func writeDigits(d *[20]byte, m uint64) int {
	i := len(d)
	for m >= 1e8 { // eight digits with 32-bit arithmetic
		q := m / 1e8
		r := uint32(m - q*1e8)
		m = q
		hi, lo := r/10000, r%10000
		i -= 8
		put2(d, i+6, lo%100)
		put2(d, i+4, lo/100)
		put2(d, i+2, hi%100)
		put2(d, i, hi/100)
	}
	r := uint32(m)
	for r >= 100 {
		p := r % 100
		r /= 100
		i -= 2
		put2(d, i, p)
	}
	if r >= 10 {
		i -= 2
		put2(d, i, r)
	} else {
		i--
		d[i] = byte('0' + r)
	}
	return i
}

// put2 writes the two digits of p < 100 at d[i:].
func put2(d *[20]byte, i int, p uint32) {
	d[i], d[i+1] = pairs[2*p], pairs[2*p+1]
}

const (
	mantBits = 52
	qMin     = -1074 // the exponent of 2 of the subnormals: v = c × 2^q
	kMin     = -324  // the range of k in g: v's decimal exponent, about
	kMax     = 292
)

// shortest returns the shortest decimal m × 10^e10 that reads back as the
// positive, finite, non-zero float64 with these bits, the closest to it
// where several are as short, ties to even; m has no trailing zeros.
func shortest(fbits uint64) (m uint64, e10 int) {
	t := fbits & (1<<mantBits - 1)
	bq := int(fbits >> mantBits)
	if bq == 0 { // subnormal: c × 2^qMin
		// Schubfach gives a subnormal at least two digits where one may
		// do (7.9e-323 for strconv's 8e-323); Append never asks for one.
		if t < 3 { // too few digits for the steps below: scaled by 10
			return toDecimal(qMin, 10*t, -1)
		}
		return toDecimal(qMin, t, 0)
	}
	c := 1<<mantBits | t
	mq := -qMin + 1 - bq // v = c × 2^-mq
	if 0 < mq && mq < mantBits+1 {
		if f := c >> mq; f<<mq == c { // an integer below 2^53: its own digits
			return trim(f, 0)
		}
	}
	return toDecimal(-mq, c, 0)
}

// toDecimal is Schubfach's rendering of c × 2^q (figures 4 and 7 of the
// paper): of the decimals in the interval of reals that round to v, the
// one of 16 digits if exactly one is there, else the closer of the two
// 17-digit neighbours of v that are (ties to even). dk corrects k for a
// c that shortest scaled by 10.
func toDecimal(q int, c uint64, dk int) (uint64, int) {
	out := c & 1 // an odd c's interval leaves out its ends: they round to even
	cb := c << 2
	cbr := cb + 2
	var cbl uint64
	var k int
	if c != 1<<mantBits || q == qMin {
		cbl = cb - 2
		k = floorLog10Pow2(q)
	} else { // a power of two: the neighbour below is half as far
		cbl = cb - 1
		k = floorLog10ThreeQuartersPow2(q)
	}
	h := q + floorLog2Pow10(-k) + 2
	g := g[k-kMin]
	vb := roundToOdd(g, cb<<h)
	vbl := roundToOdd(g, cbl<<h)
	vbr := roundToOdd(g, cbr<<h)

	s := vb >> 2
	if s >= 100 {
		sp10 := s / 10 * 10
		tp10 := sp10 + 10
		upin := vbl+out <= sp10<<2
		wpin := tp10<<2+out <= vbr
		if upin != wpin {
			if upin {
				return trim(sp10, k)
			}
			return trim(tp10, k)
		}
	}
	t := s + 1
	uin := vbl+out <= s<<2
	win := t<<2+out <= vbr
	if uin != win {
		if uin {
			return trim(s, k+dk)
		}
		return trim(t, k+dk)
	}
	if cmp := int64(vb - (s+t)<<1); cmp < 0 || cmp == 0 && s&1 == 0 {
		return trim(s, k+dk)
	}
	return trim(t, k+dk)
}

// trim drops f's trailing zeros into the exponent.
func trim(f uint64, e int) (uint64, int) {
	for {
		q := f / 10
		if q*10 != f {
			return f, e
		}
		f, e = q, e+1
	}
}

// roundToOdd returns g × cp / 2^127 rounded to odd: truncated, with its
// last bit set if anything was cut (the product's last 64 bits are left
// out, which the paper shows cannot matter).
func roundToOdd(g [2]uint64, cp uint64) uint64 {
	hi0, _ := bits.Mul64(g[0], cp)
	hi1, lo1 := bits.Mul64(g[1], cp)
	mid, carry := bits.Add64(lo1, hi0, 0)
	hi1 += carry
	v := hi1<<1 | mid>>63
	if mid<<1 != 0 {
		v |= 1
	}
	return v
}

// floorLog10Pow2 is ⌊log10 2^e⌋, floorLog10ThreeQuartersPow2 ⌊log10(¾·2^e)⌋
// and floorLog2Pow10 ⌊log2 10^e⌋, by fixed-point logarithms, exact far
// beyond a float64's exponents.
func floorLog10Pow2(e int) int { return int(int64(e) * 661_971_961_083 >> 41) }

func floorLog10ThreeQuartersPow2(e int) int {
	return int((int64(e)*661_971_961_083 - 274_743_187_321) >> 41)
}

func floorLog2Pow10(e int) int { return int(int64(e) * 913_124_641_741 >> 38) }
