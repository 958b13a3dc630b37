package jsonnum

import (
	"bytes"
	"encoding/json"
	"math"
	"math/big"
	"math/rand/v2"
	"strconv"
	"testing"
)

// samples returns n float64s of the kinds whose digits are hard: any bits
// at all, short decimals (trailing zeros in the exact product), integers,
// powers of two (the uneven neighbour), halfway cases, the range's ends.
func samples(n int, seed uint64) []float64 {
	rng := rand.New(rand.NewPCG(seed, 99))
	vs := []float64{1e-6, math.Nextafter(1e-6, 1), math.Nextafter(1e21, 0), 1, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3,
		123456789012345678, 9007199254740993, 5e-324, math.MaxFloat64, math.SmallestNonzeroFloat64, 2.2250738585072014e-308}
	for len(vs) < n {
		switch len(vs) % 6 {
		case 0:
			vs = append(vs, math.Float64frombits(rng.Uint64()))
		case 1: // a short decimal
			d := strconv.FormatInt(rng.Int64N(1e9), 10) + "e" + strconv.Itoa(rng.IntN(40)-25)
			v, _ := strconv.ParseFloat(d, 64)
			vs = append(vs, v)
		case 2:
			vs = append(vs, float64(rng.Int64N(1<<62)>>rng.IntN(62)))
		case 3:
			vs = append(vs, math.Ldexp(1, rng.IntN(2098)-1074))
		case 4: // a neighbour of a short decimal
			v, _ := strconv.ParseFloat(strconv.FormatInt(rng.Int64N(1e6), 10)+"e"+strconv.Itoa(rng.IntN(30)-15), 64)
			vs = append(vs, math.Nextafter(v, math.Inf(int(rng.IntN(2))*2-1)))
		case 5: // a trajectory's kind of number
			vs = append(vs, (rng.Float64()-0.5)*math.Pow(10, float64(rng.IntN(12)-6)))
		}
	}
	return vs
}

func TestAgainstStrconv(t *testing.T) {
	n := 2_000_000
	if testing.Short() {
		n = 200_000
	}
	var got, want []byte
	for _, v := range samples(n, 1) {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		for _, v := range []float64{v, -v} {
			got = Append(got[:0], v)
			want = appendSlow(want[:0], v)
			if !bytes.Equal(got, want) {
				t.Fatalf("%b: got %s, want %s", v, got, want)
			}
		}
	}
}

// TestShortestEverywhere checks the digits beyond plain form's range too,
// every normal float64's, against strconv's exponent form.
func TestShortestEverywhere(t *testing.T) {
	for _, v := range samples(300_000, 2) {
		v = math.Abs(v)
		if v < 0x1p-1022 || math.IsNaN(v) || math.IsInf(v, 0) {
			continue // zero, a subnormal (see shortest), or not finite
		}
		m, e10 := shortest(math.Float64bits(v))
		want := strconv.FormatFloat(v, 'e', -1, 64)
		ds := strconv.FormatUint(m, 10)
		got := ds[:1]
		if len(ds) > 1 {
			got += "." + ds[1:]
		}
		e := e10 + len(ds) - 1
		sign := "+"
		if e < 0 {
			sign, e = "-", -e
		}
		es := strconv.Itoa(e)
		if len(es) < 2 {
			es = "0" + es
		}
		if got += "e" + sign + es; got != want {
			t.Fatalf("%b: got %s, want %s", v, got, want)
		}
	}
}

// TestLikeEncodingJSON checks the package's promise itself.
func TestLikeEncodingJSON(t *testing.T) {
	for _, v := range samples(20_000, 3) {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		want, _ := json.Marshal(v)
		if got := Append(nil, v); !bytes.Equal(got, want) {
			t.Fatalf("%b: got %s, json.Marshal %s", v, got, want)
		}
	}
}

// TestLogarithms checks the fixed-point logarithms over every exponent
// toDecimal gives them.
func TestLogarithms(t *testing.T) {
	ten, two := big.NewInt(10), big.NewInt(2)
	pow := func(b *big.Int, e int) *big.Rat {
		p := new(big.Int).Exp(b, big.NewInt(int64(abs(e))), nil)
		if e < 0 {
			return new(big.Rat).SetFrac(big.NewInt(1), p)
		}
		return new(big.Rat).SetInt(p)
	}
	// floorLog returns ⌊log_b x⌋ for a positive rational x.
	floorLog := func(x *big.Rat, b *big.Int) int {
		n := 0
		bb := new(big.Rat).SetInt(b)
		one := big.NewRat(1, 1)
		for x.Cmp(bb) >= 0 {
			x = new(big.Rat).Quo(x, bb)
			n++
		}
		for x.Cmp(one) < 0 {
			x = new(big.Rat).Mul(x, bb)
			n--
		}
		return n
	}
	for q := qMin; q <= 971; q++ {
		if got, want := floorLog10Pow2(q), floorLog(pow(two, q), ten); got != want {
			t.Fatalf("floorLog10Pow2(%d) = %d, want %d", q, got, want)
		}
		x := new(big.Rat).Mul(big.NewRat(3, 4), pow(two, q))
		if got, want := floorLog10ThreeQuartersPow2(q), floorLog(x, ten); got != want {
			t.Fatalf("floorLog10ThreeQuartersPow2(%d) = %d, want %d", q, got, want)
		}
	}
	for k := kMin; k <= kMax; k++ {
		if got, want := floorLog2Pow10(-k), floorLog(pow(ten, -k), two); got != want {
			t.Fatalf("floorLog2Pow10(%d) = %d, want %d", -k, got, want)
		}
	}
}

// FuzzAgainstStrconv takes the input as a float64's bits, and again with
// its exponent moved into plain form's range, where Append does the work.
func FuzzAgainstStrconv(f *testing.F) {
	f.Add(uint64(0x3ff0000000000000))
	f.Add(uint64(0x3eb0c6f7a0b5ed8d)) // 1e-6
	f.Fuzz(func(t *testing.T, fbits uint64) {
		plain := fbits&(1<<63|1<<52-1) | uint64(1023-20+int((fbits>>52)&0x7ff)%90)<<52
		for _, v := range []float64{math.Float64frombits(fbits), math.Float64frombits(plain)} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				continue
			}
			if got, want := Append(nil, v), appendSlow(nil, v); !bytes.Equal(got, want) {
				t.Fatalf("%b: got %s, want %s", v, got, want)
			}
		}
	})
}

func BenchmarkAppend(b *testing.B) {
	// A run's numbers: gradient descent on Rosenbrock's function, its
	// points and losses, 17 digits or so as most are.
	vs := make([]float64, 0, 4096)
	x, y := -1.2, 1.0
	for len(vs) < cap(vs) {
		gx, gy := -2*(1-x)-400*x*(y-x*x), 200*(y-x*x)
		x, y = x-0.001*gx, y-0.001*gy
		vs = append(vs, x, y, (1-x)*(1-x)+100*(y-x*x)*(y-x*x), math.Hypot(gx, gy))
	}
	b.Run("jsonnum", func(b *testing.B) {
		buf := make([]byte, 0, 32)
		for i := range b.N {
			buf = Append(buf[:0], vs[i&4095])
		}
	})
	b.Run("strconv", func(b *testing.B) {
		buf := make([]byte, 0, 32)
		for i := range b.N {
			buf = appendSlow(buf[:0], vs[i&4095])
		}
	})
}
