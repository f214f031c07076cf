package org.jmixed.data;

import java.math.BigInteger;

/**
 * The correctly rounded double nearest {@code w × 10^q}, by the Eisel–Lemire algorithm: multiply
 * the normalized digits by a 128-bit approximation of 5<sup>q</sup>, keep the top 54 bits and
 * round them to 53, ties to even (exact ties can only occur for small |q|, where the product is
 * exact). Results that would be subnormal or infinite are left to {@link Double#parseDouble}.
 *
 * <p>Written from the algorithm's description in Lemire (2021) and the table construction of
 * Mushtak and Lemire (2023); see {@link DecimalBytes}.
 */
final class EiselLemire {
    private static final int SMALLEST_POWER = -342;
    private static final int LARGEST_POWER = 308;
    private static final int MANTISSA_BITS = 52;
    /** Ties to even are possible only for these decimal exponents (5^q small enough to be exact). */
    private static final int MIN_ROUND_TO_EVEN = -4;
    private static final int MAX_ROUND_TO_EVEN = 23;

    private EiselLemire() {
    }

    /** NaN when the result is not a normal double (the caller falls back then). */
    static double toDouble(long w, int q) {
        if (q < SMALLEST_POWER || q > LARGEST_POWER) {
            return Double.NaN;
        }
        int lz = Long.numberOfLeadingZeros(w);
        w <<= lz;
        int index = 2 * (q - SMALLEST_POWER);
        long[] table = Powers.FIVE;
        long high = unsignedMultiplyHigh(w, table[index]);
        long low = w * table[index];
        long precisionMask = 0xFFFFFFFFFFFFFFFFL >>> (MANTISSA_BITS + 3);
        if ((high & precisionMask) == precisionMask) {
            // the truncated 64-bit product may be off in the bits that decide rounding: add the
            // next 64 bits of the power of five
            long secondHigh = unsignedMultiplyHigh(w, table[index + 1]);
            low += secondHigh;
            if (Long.compareUnsigned(secondHigh, low) > 0) {
                high++;
            }
        }
        int upperBit = (int) (high >>> 63);
        int shift = upperBit + 64 - MANTISSA_BITS - 3;
        long mantissa = high >>> shift;
        int power2 = binaryExponent(q) + upperBit - lz + 1023;
        if (power2 <= 0) {
            return Double.NaN; // subnormal or zero
        }
        if ((low == 0 || low == 1) && q >= MIN_ROUND_TO_EVEN && q <= MAX_ROUND_TO_EVEN
                && (mantissa & 3) == 1 && (mantissa << shift) == high) {
            mantissa &= ~1L; // exactly halfway with an even lower neighbour: do not round up
        }
        mantissa += mantissa & 1;
        mantissa >>>= 1;
        if (mantissa >= (2L << MANTISSA_BITS)) {
            mantissa = 1L << MANTISSA_BITS;
            power2++;
        }
        mantissa &= ~(1L << MANTISSA_BITS);
        if (power2 >= 0x7FF) {
            return Double.NaN; // overflows to infinity
        }
        return Double.longBitsToDouble(mantissa | ((long) power2 << MANTISSA_BITS));
    }

    /** floor(q · log2(10)) + 63, exact over the table's range. */
    private static int binaryExponent(int q) {
        return (((152170 + 65536) * q) >> 16) + 63;
    }

    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /** The table, built on first use (a few milliseconds) rather than spelled out in source. */
    private static final class Powers {
        /** For each q in [-342, 308]: the high and low 64 bits of 5^q scaled into [2^127, 2^128). */
        static final long[] FIVE = build();

        private static long[] build() {
            long[] t = new long[2 * (LARGEST_POWER - SMALLEST_POWER + 1)];
            BigInteger two128 = BigInteger.ONE.shiftLeft(128);
            BigInteger mask64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
            for (int q = SMALLEST_POWER; q <= LARGEST_POWER; q++) {
                BigInteger c;
                if (q < 0) {
                    BigInteger power5 = BigInteger.valueOf(5).pow(-q);
                    int z = power5.bitLength(); // 2^(z-1) < 5^-q < 2^z
                    int b = q >= -27 ? z + 127 : 2 * z + 128;
                    c = BigInteger.ONE.shiftLeft(b).divide(power5).add(BigInteger.ONE);
                    int excess = c.bitLength() - 128;
                    if (excess > 0) {
                        c = c.shiftRight(excess);
                    }
                } else {
                    c = BigInteger.valueOf(5).pow(q);
                    int bits = c.bitLength();
                    c = bits < 128 ? c.shiftLeft(128 - bits) : c.shiftRight(bits - 128);
                }
                assert c.compareTo(two128) < 0 && c.testBit(127);
                int index = 2 * (q - SMALLEST_POWER);
                t[index] = c.shiftRight(64).longValue();
                t[index + 1] = c.and(mask64).longValue();
            }
            return t;
        }
    }
}
