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
        PowerOfFive power = PowerOfFive.of(q);
        long high = unsignedMultiplyHigh(w, power.high);
        long low = w * power.high;
        long precisionMask = 0xFFFFFFFFFFFFFFFFL >>> (MANTISSA_BITS + 3);
        if ((high & precisionMask) == precisionMask) {
            // the truncated 64-bit product may be off in the bits that decide rounding: add the
            // next 64 bits of the power of five
            long secondHigh = unsignedMultiplyHigh(w, power.low);
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

    /**
     * The high and low 64 bits of 5^q scaled into [2^127, 2^128) (rounded up for q &lt; 0, as
     * the algorithm requires). Made the first time a q is met, not all 651 at start-up, which
     * took 16-39 ms of a cold JVM: a data file uses a handful of exponents. The fields are final,
     * so an entry that one thread makes is seen whole by another that finds it.
     */
    private record PowerOfFive(long high, long low) {
        private static final PowerOfFive[] MADE = new PowerOfFive[LARGEST_POWER - SMALLEST_POWER + 1];
        private static final BigInteger FIVE = BigInteger.valueOf(5);
        private static final BigInteger MASK_64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

        static PowerOfFive of(int q) {
            PowerOfFive p = MADE[q - SMALLEST_POWER];
            if (p == null) {
                p = make(q);
                MADE[q - SMALLEST_POWER] = p; // two threads may both make it: equal entries
            }
            return p;
        }

        private static PowerOfFive make(int q) {
            BigInteger c;
            if (q < 0) {
                BigInteger power5 = FIVE.pow(-q);
                int z = power5.bitLength(); // 2^(z-1) < 5^-q < 2^z
                int b = q >= -27 ? z + 127 : 2 * z + 128;
                c = BigInteger.ONE.shiftLeft(b).divide(power5).add(BigInteger.ONE);
                int excess = c.bitLength() - 128;
                if (excess > 0) {
                    c = c.shiftRight(excess);
                }
            } else {
                c = FIVE.pow(q);
                int bits = c.bitLength();
                c = bits < 128 ? c.shiftLeft(128 - bits) : c.shiftRight(bits - 128);
            }
            return new PowerOfFive(c.shiftRight(64).longValue(), c.and(MASK_64).longValue());
        }
    }
}
