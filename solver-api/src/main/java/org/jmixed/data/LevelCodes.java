package org.jmixed.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Numbers the distinct strings of an array in order of first appearance: an open-addressing table
 * of parallel arrays (hash, string, code), so that a lookup reads neighbouring slots instead of
 * following a {@link java.util.HashMap} node per entry. With a million rows of 100,000 levels the
 * lookups are most of the work of making a factor, and nearly every one misses the cache.
 */
final class LevelCodes {
    /** The distinct strings, in order of first appearance. */
    final List<String> distinct = new ArrayList<>();
    /** Per row, the index of its string in {@link #distinct}. */
    final int[] codes;

    private String[] keys = new String[16];
    private int[] hashes = new int[16];
    private int[] slotCodes = new int[16];

    /** @param values no null */
    LevelCodes(String[] values) {
        codes = new int[values.length];
        String last = null;
        int lastCode = -1;
        for (int r = 0; r < values.length; r++) {
            String v = values[r];
            if (v != last || r == 0) { // runs of one string (sorted data, interned cells) skip the lookup
                last = v;
                lastCode = codeOf(v);
            }
            codes[r] = lastCode;
        }
        keys = null;
        hashes = null;
        slotCodes = null;
    }

    private int codeOf(String v) {
        int h = spread(v.hashCode());
        int mask = keys.length - 1;
        int slot = h & mask;
        for (String k = keys[slot]; k != null; k = keys[slot]) {
            if (hashes[slot] == h && (k == v || k.equals(v))) {
                return slotCodes[slot];
            }
            slot = (slot + 1) & mask;
        }
        int code = distinct.size();
        distinct.add(v);
        keys[slot] = v;
        hashes[slot] = h;
        slotCodes[slot] = code;
        if (2 * distinct.size() > keys.length) { // keep probe sequences short
            grow();
        }
        return code;
    }

    private void grow() {
        String[] oldKeys = keys;
        int[] oldHashes = hashes;
        int[] oldCodes = slotCodes;
        keys = new String[2 * oldKeys.length];
        hashes = new int[keys.length];
        slotCodes = new int[keys.length];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int slot = oldHashes[i] & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                hashes[slot] = oldHashes[i];
                slotCodes[slot] = oldCodes[i];
            }
        }
    }

    /** Spreads String's hash (small numbers written as text hash to nearby values) over the table. */
    private static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
