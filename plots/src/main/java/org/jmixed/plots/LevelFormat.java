package org.jmixed.plots;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;

/**
 * Labels the integer positions 0, 1, 2, ... of a numeric axis with level names. With integer tick
 * units the axis chooses the spacing of its ticks itself so that labels do not overlap: all six
 * of Penicillin's plates, every 100th of InstEval's 2,972 students.
 */
final class LevelFormat extends NumberFormat {
    private static final long serialVersionUID = 1L;
    private final List<String> labels;

    LevelFormat(List<String> labels) {
        this.labels = List.copyOf(labels);
    }

    @Override
    public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
        long r = Math.round(number);
        if (Math.abs(number - r) < 1e-6) {
            return format(r, to, pos);
        }
        return to;
    }

    @Override
    public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
        if (number >= 0 && number < labels.size()) {
            to.append(labels.get((int) number));
        }
        return to;
    }

    @Override
    public Number parse(String source, ParsePosition pos) {
        int i = labels.indexOf(source.substring(pos.getIndex()));
        if (i < 0) {
            return null;
        }
        pos.setIndex(source.length());
        return i;
    }
}
