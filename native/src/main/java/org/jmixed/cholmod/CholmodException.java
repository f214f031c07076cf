package org.jmixed.cholmod;

import org.jmixed.JmixedException;

/**
 * A CHOLMOD call that failed on the problem at hand (out of memory, a matrix too large for its
 * integers, not positive definite): one line saying which call and why, so that the command line
 * shows it as an error of the fit rather than an internal error. The evaluator that throws it has
 * freed, or will free on close, every CHOLMOD object it holds.
 */
public final class CholmodException extends JmixedException {
    /** CHOLMOD's status codes (cholmod_core.h). */
    static final int OUT_OF_MEMORY = -2;
    static final int TOO_LARGE = -3;

    CholmodException(String message) {
        super(message);
    }

    /** The error for a failed call, from CHOLMOD's status. */
    static CholmodException failed(String call, int status) {
        String why = switch (status) {
            case OUT_OF_MEMORY -> "out of memory: the factor does not fit in this machine's memory; "
                    + "try --backend java, or a machine with more memory";
            case TOO_LARGE -> "problem too large for CHOLMOD's integers or size_t";
            default -> "CHOLMOD status " + status;
        };
        return new CholmodException("CHOLMOD: " + call + " failed (" + why + ")");
    }
}
