package dev.anneal.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Dictionary codes for labels read from a character buffer: the same text always gets the same code,
 * codes count up from 0 in first-seen order, and a {@code String} is made only for a new label.
 *
 * <p>Open addressing with linear probing over a power-of-two table. Not thread-safe.
 */
final class LevelDictionary {

    private final List<String> levels = new ArrayList<>();
    private char[][] keys = new char[16][];
    private int[] hashes = new int[16];
    private int[] slots = new int[16];

    LevelDictionary() {
        Arrays.fill(slots, -1);
    }

    /** The code of {@code buf[off, off + len)}, adding it as a new level when unseen. */
    int code(char[] buf, int off, int len) {
        int hash = 0;
        for (int i = off, end = off + len; i < end; i++) {
            hash = 31 * hash + buf[i];
        }
        hash ^= hash >>> 16;
        int mask = slots.length - 1;
        int slot = hash & mask;
        while (true) {
            int code = slots[slot];
            if (code < 0) {
                break;
            }
            if (hashes[code] == hash && Arrays.equals(keys[code], 0, keys[code].length, buf, off, off + len)) {
                return code;
            }
            slot = (slot + 1) & mask;
        }
        int code = levels.size();
        char[] key = Arrays.copyOfRange(buf, off, off + len);
        if (code == keys.length) {
            keys = Arrays.copyOf(keys, code * 2);
            hashes = Arrays.copyOf(hashes, code * 2);
        }
        keys[code] = key;
        hashes[code] = hash;
        levels.add(new String(key));
        slots[slot] = code;
        if (levels.size() * 2 > slots.length) {
            rehash();
        }
        return code;
    }

    /** The code of {@code text}, adding it when unseen. */
    int code(String text) {
        return code(text.toCharArray(), 0, text.length());
    }

    int size() {
        return levels.size();
    }

    /** The levels in code order. */
    List<String> levels() {
        return levels;
    }

    private void rehash() {
        int[] grown = new int[slots.length * 2];
        Arrays.fill(grown, -1);
        int mask = grown.length - 1;
        for (int code = 0; code < levels.size(); code++) {
            int slot = hashes[code] & mask;
            while (grown[slot] >= 0) {
                slot = (slot + 1) & mask;
            }
            grown[slot] = code;
        }
        slots = grown;
    }
}
