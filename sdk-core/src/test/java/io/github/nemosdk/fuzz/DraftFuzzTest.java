package io.github.nemosdk.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.nemosdk.chat.TimelineChange;
import io.github.nemosdk.state.Draft;
import io.github.nemosdk.state.Track;
import java.nio.charset.StandardCharsets;

/**
 * Arbitrary JSON-ish text through {@link Draft#parse}: it works or throws {@link IllegalArgumentException}; a parsed
 * draft's {@code summary()}, {@code tracks()}, {@code isReadyForExport()}, {@code toJson()} never throw and
 * {@code Draft.of(d.toJson())} equals {@code d}; {@link TimelineChange#between} never throws and finds nothing
 * between a draft and itself. Regression mode (seeds in {@code DraftFuzzTestInputs/parse/}) runs in every
 * {@code mvn test}; see FUZZING.md.
 */
class DraftFuzzTest {

    /** Input layout: the draft before, a NUL byte, the draft after (without a NUL, the one text is both). */
    @FuzzTest(maxDuration = "3m")
    void parse(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        int nul = text.indexOf('\0');
        Draft before = parseOrNull(nul < 0 ? text : text.substring(0, nul));
        Draft after = nul < 0 ? before : parseOrNull(text.substring(nul + 1));
        Draft empty = Draft.parse("{}");
        for (Draft d : new Draft[] {before, after}) {
            if (d != null) {
                check(d);
                TimelineChange self = TimelineChange.between(d, d);
                if (!self.isEmpty()) {
                    throw new AssertionError("a draft changed against itself: " + self.description());
                }
                TimelineChange.between(empty, d).description();
                TimelineChange.between(d, empty).description();
            }
        }
        if (before != null && after != null) {
            TimelineChange change = TimelineChange.between(before, after);
            change.description();
            if (change.isEmpty() != before.equals(after)) {
                throw new AssertionError("between is empty=" + change.isEmpty() + " but the drafts are equal="
                        + before.equals(after));
            }
        }
    }

    private static Draft parseOrNull(String json) {
        try {
            return Draft.parse(json);
        } catch (IllegalArgumentException documented) {
            return null;
        }
    }

    private static void check(Draft d) {
        String summary = d.summary();
        if (summary == null || !summary.startsWith("Timeline (")) {
            throw new AssertionError("summary " + summary);
        }
        for (Track t : d.tracks()) {
            Draft.describe(t);
            t.label();
            t.volumePercent();
            t.start();
            t.end();
        }
        boolean ready = d.isReadyForExport();
        if (ready != d.tracks().stream().anyMatch(t -> !t.segments().isEmpty())) {
            throw new AssertionError("isReadyForExport disagrees with tracks()");
        }
        Draft again = Draft.of(d.toJson());
        if (!again.equals(d) || again.hashCode() != d.hashCode()) {
            throw new AssertionError("round trip changed the draft: " + d.toJson() + " -> " + again.toJson());
        }
        if (!again.summary().equals(summary)) {
            throw new AssertionError("round trip changed the summary: " + summary + " -> " + again.summary());
        }
        d.toString();
    }
}
