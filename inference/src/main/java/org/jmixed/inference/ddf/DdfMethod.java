package org.jmixed.inference.ddf;

import java.util.Locale;

import org.jmixed.JmixedException;

/** How denominator degrees of freedom of F and t tests of fixed effects are found. */
public enum DdfMethod {
    /** Satterthwaite's approximation (lmerTest's default). */
    SATTERTHWAITE("satterthwaite", "Satterthwaite's method"),
    /** Kenward and Roger's adjusted covariance and scaled F (pbkrtest); needs a REML fit. */
    KENWARD_ROGER("kenward-roger", "Kenward-Roger's method");

    private final String id;
    private final String title;

    DdfMethod(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /** The name on the command line and in JSON: {@code satterthwaite}, {@code kenward-roger}. */
    public String id() {
        return id;
    }

    /** As lmerTest titles its tables, e.g. "Satterthwaite's method". */
    public String title() {
        return title;
    }

    public static DdfMethod parse(String s) {
        String v = s.toLowerCase(Locale.ROOT).replace('_', '-');
        for (DdfMethod m : values()) {
            if (m.id.equals(v) || (m == KENWARD_ROGER && (v.equals("kr") || v.equals("kenwardroger")))) {
                return m;
            }
        }
        throw new JmixedException("unknown ddf method '" + s + "' (use satterthwaite or kenward-roger)");
    }
}
