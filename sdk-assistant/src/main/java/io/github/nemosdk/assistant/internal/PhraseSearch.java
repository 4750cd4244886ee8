package io.github.nemosdk.assistant.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds phrases in text the way the assistant's router needs: normalised, whole words for scripts written with
 * spaces, anywhere for scripts written without. Also splits text into clauses. Pure and thread-safe.
 */
public final class PhraseSearch {
    /** Characters that end a clause, whatever the language. */
    private static final String CLAUSE_PUNCTUATION = ",.;:!?\n\r\t\u2026\u2014\u2013()[]{}"
            + "\uff0c\u3002\uff1b\uff1a\uff01\uff1f\u3001\uff08\uff09\u3010\u3011\u300c\u300d\u300e\u300f";

    private PhraseSearch() {
    }

    /** A phrase found in a text: where, and which phrase. */
    public static final class Hit {
        /** Start offset, inclusive. */
        public final int start;
        /** End offset, exclusive. */
        public final int end;
        /** The phrase as written in the table. */
        public final String phrase;

        Hit(int start, int end, String phrase) {
            this.start = start;
            this.end = end;
            this.phrase = phrase;
        }

        @Override
        public String toString() {
            return phrase + "@" + start;
        }
    }

    /** A stretch of text between clause separators. */
    public static final class Clause {
        /** Start offset in the searched text, inclusive. */
        public final int start;
        /** End offset in the searched text, exclusive. */
        public final int end;

        Clause(int start, int end) {
            this.start = start;
            this.end = end;
        }

        /**
         * Whether a hit lies inside this clause.
         *
         * @param h the hit
         * @return true when it starts and ends within it
         */
        public boolean contains(Hit h) {
            return h.start >= start && h.end <= end;
        }
    }

    /**
     * The form phrases and utterances are compared in: Unicode NFKC (full-width letters and punctuation become
     * ordinary ones), lower case, curly apostrophes and quotes straight, white space runs one space. The length may
     * differ from the input's.
     *
     * @param text any text
     * @return the normalised text
     */
    public static String normalize(String text) {
        String n = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replace('\u2019', '\'').replace('\u2018', '\'').replace('\u201c', '"').replace('\u201d', '"');
        return n.replaceAll("\\s+", " ");
    }

    /**
     * Whether a character belongs to a script written without spaces between words, where a phrase may match
     * anywhere.
     *
     * @param c a code point
     * @return true for Han, Hiragana, Katakana, Hangul, Thai, Lao, Khmer, Myanmar and Tibetan
     */
    public static boolean isUnspaced(int c) {
        switch (Character.UnicodeScript.of(c)) {
            case HAN:
            case HIRAGANA:
            case KATAKANA:
            case HANGUL:
            case THAI:
            case LAO:
            case KHMER:
            case MYANMAR:
            case TIBETAN:
                return true;
            default:
                return c == 0x30FC; // the Katakana-Hiragana prolonged sound mark is COMMON
        }
    }

    /** A letter or digit of a script written with spaces, or an underscore: what a whole word must not touch. */
    private static boolean isWordChar(int c) {
        return c == '_' || Character.isLetterOrDigit(c) && !isUnspaced(c);
    }

    private static boolean needsBoundary(int c) {
        return Character.isLetterOrDigit(c) && !isUnspaced(c);
    }

    /**
     * Every occurrence of each phrase in a (normalised) text. A phrase whose first or last character is a letter or
     * digit of a spaced script must not touch another such character (or an underscore) on that side, nor be
     * followed by a hyphen and one: "exported", "downloads" and "export-ready" do not contain "export". Overlapping
     * hits are all returned.
     *
     * @param text    normalised text
     * @param phrases normalised phrases
     * @return the hits, by start offset, longer first at the same offset
     */
    public static List<Hit> findAll(String text, Collection<String> phrases) {
        List<Hit> hits = new ArrayList<>();
        for (String p : phrases) {
            if (p.isEmpty()) {
                continue;
            }
            boolean left = needsBoundary(p.codePointAt(0));
            boolean right = needsBoundary(p.codePointBefore(p.length()));
            int from = 0;
            while (true) {
                int i = text.indexOf(p, from);
                if (i < 0) {
                    break;
                }
                int end = i + p.length();
                boolean ok = !(left && i > 0 && isWordChar(text.codePointBefore(i)));
                if (ok && right && end < text.length()) {
                    int next = text.codePointAt(end);
                    ok = !isWordChar(next) && !(next == '-' && end + 1 < text.length()
                            && isWordChar(text.codePointAt(end + 1)));
                }
                if (ok) {
                    hits.add(new Hit(i, end, p));
                }
                from = i + 1;
            }
        }
        hits.sort(Comparator.<Hit>comparingInt(h -> h.start).thenComparing(h -> -(h.end - h.start)));
        return hits;
    }

    /**
     * Drops hits that overlap an earlier or longer one: of overlapping hits the one starting first wins, and at
     * the same start the longer.
     *
     * @param hits hits sorted as {@link #findAll} returns them
     * @return the hits that do not overlap
     */
    public static List<Hit> withoutOverlaps(List<Hit> hits) {
        List<Hit> kept = new ArrayList<>();
        int end = -1;
        for (Hit h : hits) {
            if (h.start >= end) {
                kept.add(h);
                end = h.end;
            }
        }
        return kept;
    }

    /**
     * Replaces every occurrence of the phrases with spaces, so that nothing inside them matches later.
     *
     * @param text    normalised text
     * @param phrases normalised phrases to mask
     * @return the text with the same length
     */
    public static String mask(String text, Collection<String> phrases) {
        List<Hit> hits = findAll(text, phrases);
        if (hits.isEmpty()) {
            return text;
        }
        char[] chars = text.toCharArray();
        for (Hit h : hits) {
            for (int i = h.start; i < h.end; i++) {
                chars[i] = ' ';
            }
        }
        return new String(chars);
    }

    /**
     * Splits a text into clauses at punctuation ({@code , . ; : ! ?}, their full-width forms, {@code 、}, dashes,
     * brackets, line breaks) and at separator words.
     *
     * @param text       normalised text
     * @param separators normalised separator words, e.g. "and", "然后"
     * @return the clauses in order; empty ones are left out
     */
    public static List<Clause> clauses(String text, Collection<String> separators) {
        boolean[] cut = new boolean[text.length()];
        for (int i = 0; i < text.length(); i++) {
            cut[i] = CLAUSE_PUNCTUATION.indexOf(text.charAt(i)) >= 0;
        }
        for (Hit h : findAll(text, separators)) {
            for (int i = h.start; i < h.end; i++) {
                cut[i] = true;
            }
        }
        List<Clause> clauses = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean boundary = i == text.length() || cut[i];
            if (boundary) {
                if (start >= 0 && !text.substring(start, i).isBlank()) {
                    clauses.add(new Clause(start, i));
                }
                start = -1;
            } else if (start < 0) {
                start = i;
            }
        }
        return clauses;
    }
}
