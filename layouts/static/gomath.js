// gomath.js: Descent's math for the browser, a line-by-line port of
// optim/pmath (Go's pure-Go exp, log, pow, sincos, tan, tanh, sinh, cosh and
// atan). JavaScript's + − × ÷ round to nearest and never fuse, so the same
// steps give Go's bits exactly; Math.exp, Math.pow and Math.sin do not, and
// are never used. Math.sqrt, abs, max, floor and trunc are exact. The parity
// harness (internal/parity) holds every function to pmath bit for bit.
(function (root) {
  'use strict';
  const buf = new DataView(new ArrayBuffer(8));
  const hiOf = (x) => { buf.setFloat64(0, x); return buf.getUint32(0); };
  const loOf = (x) => { buf.setFloat64(0, x); return buf.getUint32(4); };
  const fromWords = (hi, lo) => { buf.setUint32(0, hi >>> 0); buf.setUint32(4, lo >>> 0); return buf.getFloat64(0); };
  const isNaN = Number.isNaN;
  const isInf = (x) => x === Infinity || x === -Infinity;
  const signbit = (x) => x < 0 || Object.is(x, -0);
  const copysign = (x, s) => (signbit(x) !== signbit(s) ? -x : x);
  const BIAS = 1023;

  function normalize(x) {
    if (Math.abs(x) < 2.2250738585072014e-308) return [x * 4503599627370496, -52];
    return [x, 0];
  }

  function frexp(f) {
    if (f === 0 || isInf(f) || isNaN(f)) return [f, 0];
    let e;
    [f, e] = normalize(f);
    const hi = hiOf(f);
    e += ((hi >>> 20) & 0x7ff) - BIAS + 1;
    return [fromWords((hi & ~(0x7ff << 20)) | ((BIAS - 1) << 20), loOf(f)), e];
  }

  function ldexp(frac, exp) {
    if (frac === 0 || isInf(frac) || isNaN(frac)) return frac;
    let e;
    [frac, e] = normalize(frac);
    exp += e;
    const hi = hiOf(frac);
    exp += ((hi >>> 20) & 0x7ff) - BIAS;
    if (exp < -1075) return copysign(0, frac);
    if (exp > 1023) return frac < 0 ? -Infinity : Infinity;
    let m = 1;
    if (exp < -1022) {
      exp += 53;
      m = 1 / 9007199254740992;
    }
    return m * fromWords((hi & ~(0x7ff << 20)) | ((exp + BIAS) << 20), loOf(frac));
  }

  function exp(x) {
    const ln2Hi = 6.93147180369123816490e-01, ln2Lo = 1.90821492927058770002e-10,
      log2e = 1.44269504088896338700e+00, overflow = 7.09782712893383973096e+02,
      underflow = -7.45133219101941108420e+02, nearZero = 1 / 268435456;
    if (isNaN(x)) return x;
    if (x > overflow) return Infinity;
    if (x < underflow) return 0;
    if (-nearZero < x && x < nearZero) return 1 + x;
    let k = 0;
    if (x < 0) k = Math.trunc(log2e * x - 0.5);
    else if (x > 0) k = Math.trunc(log2e * x + 0.5);
    const hi = x - k * ln2Hi, lo = k * ln2Lo;
    return expmulti(hi, lo, k);
  }

  function expmulti(hi, lo, k) {
    const p1 = 1.66666666666666657415e-01, p2 = -2.77777777770155933842e-03,
      p3 = 6.61375632143793436117e-05, p4 = -1.65339022054652515390e-06,
      p5 = 4.13813679705723846039e-08;
    const r = hi - lo, t = r * r;
    const c = r - t * (p1 + t * (p2 + t * (p3 + t * (p4 + t * p5))));
    const y = 1 - ((lo - (r * c) / (2 - c)) - hi);
    return ldexp(y, k);
  }

  function log(x) {
    const ln2Hi = 6.93147180369123816490e-01, ln2Lo = 1.90821492927058770002e-10,
      l1 = 6.666666666666735130e-01, l2 = 3.999999999940941908e-01, l3 = 2.857142874366239149e-01,
      l4 = 2.222219843214978396e-01, l5 = 1.818357216161805012e-01, l6 = 1.531383769920937332e-01,
      l7 = 1.479819860511658591e-01;
    if (isNaN(x) || x === Infinity) return x;
    if (x < 0) return NaN;
    if (x === 0) return -Infinity;
    let [f1, ki] = frexp(x);
    if (f1 < 0.7071067811865476) {
      f1 *= 2;
      ki--;
    }
    const f = f1 - 1, k = ki, s = f / (2 + f), s2 = s * s, s4 = s2 * s2;
    const t1 = s2 * (l1 + s4 * (l3 + s4 * (l5 + s4 * l7)));
    const t2 = s4 * (l2 + s4 * (l4 + s4 * l6));
    const r = t1 + t2, hfsq = 0.5 * f * f;
    return k * ln2Hi - ((hfsq - (s * (hfsq + r) + k * ln2Lo)) - f);
  }

  // modf as Go's: the integer part toward zero and the signed rest.
  const modf = (f) => { const i = Math.trunc(f); return [i, copysign(f - i, f)]; };

  function isOddInt(x) {
    if (Math.abs(x) >= 9007199254740992) return false;
    const [xi, xf] = modf(x);
    return xf === 0 && Math.abs(xi % 2) === 1;
  }

  function pow(x, y) {
    if (y === 0 || x === 1) return 1;
    if (y === 1) return x;
    if (isNaN(x) || isNaN(y)) return NaN;
    if (x === 0) {
      if (y < 0) return signbit(x) && isOddInt(y) ? -Infinity : Infinity;
      if (y > 0) return signbit(x) && isOddInt(y) ? x : 0;
    } else if (isInf(y)) {
      if (x === -1) return 1;
      return (Math.abs(x) < 1) === (y === Infinity) ? 0 : Infinity;
    } else if (isInf(x)) {
      if (x === -Infinity) return pow(1 / x, -y);
      if (y < 0) return 0;
      if (y > 0) return Infinity;
    } else if (y === 0.5) {
      return Math.sqrt(x);
    } else if (y === -0.5) {
      return 1 / Math.sqrt(x);
    }
    let [yi, yf] = modf(Math.abs(y));
    if (yf !== 0 && x < 0) return NaN;
    if (yi >= 9223372036854775808) {
      if (x === -1) return 1;
      return (Math.abs(x) < 1) === (y > 0) ? 0 : Infinity;
    }
    let a1 = 1, ae = 0;
    if (yf !== 0) {
      if (yf > 0.5) {
        yf--;
        yi++;
      }
      a1 = exp(yf * log(x));
    }
    let [x1, xe] = frexp(x);
    // Go walks the bits of int64(yi). yi < 2^63 is an integer, and halving
    // an integral double is exact, so plain numbers walk the same bits.
    for (let i = yi; i !== 0; i = Math.floor(i / 2)) {
      if (xe < -4096 || 4096 < xe) {
        ae += xe;
        break;
      }
      if (i % 2 === 1) {
        a1 *= x1;
        ae += xe;
      }
      x1 *= x1;
      xe <<= 1;
      if (x1 < 0.5) {
        x1 += x1;
        xe--;
      }
    }
    if (y < 0) {
      a1 = 1 / a1;
      ae = -ae;
    }
    return ldexp(a1, ae);
  }

  const SIN = [1.58962301576546568060e-10, -2.50507477628578072866e-8, 2.75573136213857245213e-6,
    -1.98412698295895385996e-4, 8.33333333332211858878e-3, -1.66666666666666307295e-1];
  const COS = [-1.13585365213876817300e-11, 2.08757008419747316778e-9, -2.75573141792967388112e-7,
    2.48015872888517045348e-5, -1.38888888888730564116e-3, 4.16666666666665929218e-2];
  const PI4A = 7.85398125648498535156e-1, PI4B = 3.77489470793079817668e-8, PI4C = 2.69515142907905952645e-15;
  const FOUR_OVER_PI = 1.2732395447351628; // Go's constant 4/π, rounded once
  const REDUCE = 536870912; // 1 << 29

  // reduce returns the octant and remainder of x ≥ 0; oct: odd octants go up.
  function reduce(x, and7) {
    if (x >= REDUCE) return trigReduce(x);
    let j = Math.trunc(x * FOUR_OVER_PI);
    let y = j;
    if (j % 2 === 1) {
      j++;
      y++;
    }
    if (and7) j %= 8;
    return [j, ((x - y * PI4A) - y * PI4B) - y * PI4C];
  }

  function polySin(z, zz) {
    return z + z * zz * (((((SIN[0] * zz + SIN[1]) * zz + SIN[2]) * zz + SIN[3]) * zz + SIN[4]) * zz + SIN[5]);
  }

  function polyCos(zz) {
    return 1.0 - 0.5 * zz + zz * zz * (((((COS[0] * zz + COS[1]) * zz + COS[2]) * zz + COS[3]) * zz + COS[4]) * zz + COS[5]);
  }

  function sincos(x) {
    if (x === 0) return [x, 1];
    if (isNaN(x) || isInf(x)) return [NaN, NaN];
    let sinSign = false, cosSign = false;
    if (x < 0) {
      x = -x;
      sinSign = true;
    }
    let [j, z] = reduce(x, true);
    if (j > 3) {
      j -= 4;
      sinSign = !sinSign;
      cosSign = !cosSign;
    }
    if (j > 1) cosSign = !cosSign;
    const zz = z * z;
    let c = polyCos(zz), s = polySin(z, zz);
    if (j === 1 || j === 2) [s, c] = [c, s];
    return [sinSign ? -s : s, cosSign ? -c : c];
  }

  const TANP = [-1.30936939181383777646e4, 1.15351664838587416140e6, -1.79565251976484877988e7];
  const TANQ = [1.0, 1.36812963470692954678e4, -1.32089234440210967447e6, 2.50083801823357915839e7,
    -5.38695755929454629881e7];

  function tan(x) {
    if (x === 0 || isNaN(x)) return x;
    if (isInf(x)) return NaN;
    let sign = false;
    if (x < 0) {
      x = -x;
      sign = true;
    }
    const [j, z] = reduce(x, false);
    const zz = z * z;
    let y = z;
    if (zz > 1e-14) {
      y = z + z * (zz * ((TANP[0] * zz + TANP[1]) * zz + TANP[2]) /
        ((((zz + TANQ[1]) * zz + TANQ[2]) * zz + TANQ[3]) * zz + TANQ[4]));
    }
    if ((j & 2) === 2) y = -1 / y;
    return sign ? -y : y;
  }

  // trigReduce is Payne–Hanek reduction for x ≥ 2^29, in 64-bit integers
  // (BigInt), as Go does.
  const M = (1n << 64n) - 1n;
  const MPI4 = ['0000000000000001', '45f306dc9c882a53', 'f84eafa3ea69bb81', 'b6c52b3278872083',
    'fca2c757bd778ac3', '6e48dc74849ba5c0', '0c925dd413a32439', 'fc3bd63962534e7d',
    'd1046bea5d768909', 'd338e04d68befc82', '7323ac7306a673e9', '3908bf177bf25076',
    '3ff12fffbc0b301f', 'de5e2316b414da3e', 'da6cfd9e4f96136e', '9e8c7ecd3cbfd45a',
    'ea4f758fd7cbe2f6', '7a0e73ef14a525d4', 'd7f6bf623f1aba10', 'ac06608df8f6d757'].map((h) => BigInt('0x' + h));

  function trigReduce(x) {
    const PI4 = 0.7853981633974483;
    if (x < PI4) return [0, x];
    buf.setFloat64(0, x);
    let ix = buf.getBigUint64(0);
    const e = Number((ix >> 52n) & 0x7ffn) - BIAS - 52;
    ix = (ix & ~(0x7ffn << 52n)) | (1n << 52n);
    const digit = Math.floor((e + 61) / 64), bs = BigInt((e + 61) % 64);
    const word = (k) => (bs === 0n ? MPI4[k] : ((MPI4[k] << bs) & M) | (MPI4[k + 1] >> (64n - bs)));
    const z0 = word(digit), z1 = word(digit + 1), z2 = word(digit + 2);
    const z2hi = (z2 * ix) >> 64n;
    const p1 = z1 * ix, z1hi = p1 >> 64n, z1lo = p1 & M;
    const z0lo = (z0 * ix) & M;
    const sumLo = z1lo + z2hi, lo = sumLo & M, carry = sumLo >> 64n;
    let hi = (z0lo + z1hi + carry) & M;
    let j = hi >> 61n;
    hi = ((hi << 3n) & M) | (lo >> 61n);
    let lz = 0n;
    while (lz < 64n && ((hi >> (63n - lz)) & 1n) === 0n) lz++;
    const ex = BigInt(BIAS) - (lz + 1n);
    hi = ((hi << (lz + 1n)) & M) | (lo >> (64n - (lz + 1n)));
    hi >>= 12n;
    hi |= ex << 52n;
    buf.setBigUint64(0, hi);
    let z = buf.getFloat64(0);
    if ((j & 1n) === 1n) {
      j = (j + 1n) & 7n;
      z--;
    }
    return [Number(j), z * PI4];
  }

  function tanh(x) {
    let z = Math.abs(x);
    if (z > 44.014845965556525) return x < 0 ? -1 : 1;
    if (z >= 0.625) {
      const s = exp(2 * z);
      z = 1 - 2 / (s + 1);
      return x < 0 ? -z : z;
    }
    if (x === 0) return x;
    const s = x * x;
    return x + x * s * ((-9.64399179425052238628e-1 * s + -9.92877231001918586564e1) * s + -1.61468768441708447952e3) /
      (((s + 1.12811678491632931402e2) * s + 2.23548839060100448583e3) * s + 4.84406305325125486048e3);
  }

  function sinh(x) {
    let sign = false;
    if (x < 0) {
      x = -x;
      sign = true;
    }
    let t;
    if (x > 21) {
      t = exp(x) * 0.5;
    } else if (x > 0.5) {
      const ex = exp(x);
      t = (ex - 1 / ex) * 0.5;
    } else {
      const sq = x * x;
      t = (((-0.2630563213397497062819489e+2 * sq + -0.2894211355989563807284660366e+4) * sq +
        -0.8991272022039509355398013511e+5) * sq + -0.6307673640497716991184787251e+6) * x;
      t = t / (((sq + -0.173678953558233699533450911e+3) * sq + 0.1521517378790019070696485176e+5) * sq +
        -0.6307673640497716991212077277e+6);
    }
    return sign ? -t : t;
  }

  function cosh(x) {
    x = Math.abs(x);
    if (x > 21) return exp(x) * 0.5;
    const ex = exp(x);
    return (ex + 1 / ex) * 0.5;
  }

  function xatan(x) {
    let z = x * x;
    z = z * ((((-8.750608600031904122785e-01 * z + -1.615753718733365076637e+01) * z + -7.500855792314704667340e+01) * z +
      -1.228866684490136173410e+02) * z + -6.485021904942025371773e+01) /
      (((((z + 2.485846490142306297962e+01) * z + 1.650270098316988542046e+02) * z + 4.328810604912902668951e+02) * z +
        4.853903996359136964868e+02) * z + 1.945506571482613964425e+02);
    return x * z + x;
  }

  function satan(x) {
    const morebits = 6.123233995736765886130e-17;
    if (x <= 0.66) return xatan(x);
    if (x > 2.41421356237309504880) return 1.5707963267948966 - xatan(1 / x) + morebits;
    return 0.7853981633974483 + xatan((x - 1) / (x + 1)) + 3.061616997868383e-17;
  }

  function atan(x) {
    if (x === 0) return x;
    return x > 0 ? satan(x) : -satan(-x);
  }


  // log1p and expm1 as Go's (optim/pmath/log1p.go), their 64-bit integer
  // steps done on the high and low words.
  function log1p(x) {
    const sqrt2M1 = 4.142135623730950488017e-01, sqrt2HalfM1 = -2.928932188134524755992e-01,
      small = 1 / 536870912, tiny = 1 / 18014398509481984, two53 = 9007199254740992,
      ln2Hi = 6.93147180369123816490e-01, ln2Lo = 1.90821492927058770002e-10,
      L = [6.666666666666735130e-01, 3.999999999940941908e-01, 2.857142874366239149e-01, 2.222219843214978396e-01,
        1.818357216161805012e-01, 1.531383769920937332e-01, 1.479819860511658591e-01];
    if (x < -1 || isNaN(x)) return NaN;
    if (x === -1) return -Infinity;
    if (x === Infinity) return Infinity;
    const absx = Math.abs(x);
    let f = 0, k = 1, zero = false; // zero: Go's iu == 0
    if (absx < sqrt2M1) {
      if (absx < small) return absx < tiny ? x : x - x * x * 0.5;
      if (x > sqrt2HalfM1) { k = 0; f = x; }
    }
    let c = 0;
    if (k !== 0) {
      let u;
      if (absx < two53) {
        u = 1.0 + x;
        k = ((hiOf(u) >>> 20) & 0x7ff) - 1023;
        c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0);
        c /= u;
      } else {
        u = x;
        k = ((hiOf(u) >>> 20) & 0x7ff) - 1023;
        c = 0;
      }
      const hi = hiOf(u) & 0xfffff, lo = loOf(u);
      if (hi < 0x6a09e || (hi === 0x6a09e && lo < 0x667f3bcd)) {
        u = fromWords(hi | 0x3ff00000, lo);
        zero = hi === 0 && lo === 0;
      } else {
        k++;
        u = fromWords(hi | 0x3fe00000, lo);
        zero = hi === 0xfffff && lo >= 0xfffffffd; // (2^52 − iu) >> 2 == 0
      }
      f = u - 1.0;
    }
    const hfsq = 0.5 * f * f;
    if (zero) {
      if (f === 0) {
        if (k === 0) return 0;
        c += k * ln2Lo;
        return k * ln2Hi + c;
      }
      const r = hfsq * (1.0 - 0.66666666666666666 * f);
      return k === 0 ? f - r : k * ln2Hi - ((r - (k * ln2Lo + c)) - f);
    }
    const s = f / (2.0 + f), z = s * s;
    let a = L[6];
    for (let i = 5; i >= 0; i--) a = L[i] + z * a;
    const r = z * a;
    if (k === 0) return f - (hfsq - s * (hfsq + r));
    return k * ln2Hi - ((hfsq - (s * (hfsq + r) + (k * ln2Lo + c))) - f);
  }

  // addExp adds k to the binary exponent of y (Go: bits + uint64(k)<<52).
  const addExp = (y, k) => fromWords((hiOf(y) + k * 1048576) >>> 0, loOf(y));

  function expm1(x) {
    const othreshold = 7.09782712893383973096e+02, ln2X56 = 3.88162421113569373274e+01,
      ln2HalfX3 = 1.03972077083991796413e+00, ln2Half = 3.46573590279972654709e-01,
      ln2Hi = 6.93147180369123816490e-01, ln2Lo = 1.90821492927058770002e-10,
      invLn2 = 1.44269504088896338700e+00, tiny = 1 / 18014398509481984,
      q1 = -3.33333333333331316428e-02, q2 = 1.58730158725481460165e-03, q3 = -7.93650757867487942473e-05,
      q4 = 4.00821782732936239552e-06, q5 = -2.01099218183624371326e-07;
    if (x === Infinity || isNaN(x)) return x;
    if (x === -Infinity) return -1;
    let absx = x, sign = false;
    if (x < 0) { absx = -absx; sign = true; }
    if (absx >= ln2X56) {
      if (sign) return -1;
      if (absx >= othreshold) return Infinity;
    }
    let c = 0, k = 0;
    if (absx > ln2Half) {
      let hi, lo;
      if (absx < ln2HalfX3) {
        if (!sign) { hi = x - ln2Hi; lo = ln2Lo; k = 1; } else { hi = x + ln2Hi; lo = -ln2Lo; k = -1; }
      } else {
        k = Math.trunc(sign ? invLn2 * x - 0.5 : invLn2 * x + 0.5);
        hi = x - k * ln2Hi;
        lo = k * ln2Lo;
      }
      x = hi - lo;
      c = (hi - x) - lo;
    } else if (absx < tiny) {
      return x;
    }
    const hfx = 0.5 * x, hxs = x * hfx;
    const r1 = 1 + hxs * (q1 + hxs * (q2 + hxs * (q3 + hxs * (q4 + hxs * q5))));
    const t = 3 - r1 * hfx;
    let e = hxs * ((r1 - t) / (6.0 - x * t));
    if (k === 0) return x - (x * e - hxs);
    e = x * (e - c) - c;
    e -= hxs;
    if (k === -1) return 0.5 * (x - e) - 0.5;
    if (k === 1) return x < -0.25 ? -2 * (e - (x + 0.5)) : 1 + 2 * (x - e);
    if (k <= -2 || k > 56) return addExp(1 - (e - x), k) - 1;
    if (k < 20) return addExp(fromWords(0x3ff00000 - Math.pow(2, 21 - k), 0) - (e - x), k);
    let y = x - (e + fromWords((0x3ff - k) << 20, 0));
    y++;
    return addExp(y, k);
  }

  root.GoMath = {
    exp, log, log1p, expm1, pow, frexp, ldexp, tan, tanh, sinh, cosh, atan, sincos,
    sin: (x) => sincos(x)[0],
    cos: (x) => sincos(x)[1],
  };
})(typeof globalThis !== 'undefined' ? globalThis : this);
