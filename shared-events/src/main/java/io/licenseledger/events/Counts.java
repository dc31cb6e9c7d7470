package io.licenseledger.events;

/**
 * Arithmetic on counts of units and seats that never wraps. Usage is a fact and is recorded even past every limit
 * (rule U3), so totals of valid facts saturate at {@link Long#MAX_VALUE} rather than throw; every such sum on both
 * sides goes through here.
 */
public final class Counts {

    private Counts() {
    }

    /** {@code a + b}, held at {@link Long#MAX_VALUE} or {@link Long#MIN_VALUE} where it would wrap. */
    public static long add(long a, long b) {
        long sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }

    /** What is left of {@code limit} after {@code used}, never below 0; a negative {@code used} counts as none. */
    public static long remaining(long limit, long used) {
        return Math.max(0, limit - Math.max(0, Math.min(used, limit)));
    }

    /** Whether {@code used} is at least {@code percent} % of {@code of}, compared exactly in 128 bits. */
    public static boolean reachesPercent(long used, int percent, long of) {
        long leftHigh = Math.multiplyHigh(used, 100);
        long rightHigh = Math.multiplyHigh(of, percent);
        if (leftHigh != rightHigh) {
            return leftHigh > rightHigh;
        }
        return Long.compareUnsigned(used * 100, of * percent) >= 0;
    }
}
