package io.github.nemosdk.internal.sse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/**
 * Arbitrary bytes as an event's JSON, read through {@link ResultScanner} ({@link EventReader#readScanned}) and by the
 * mapper alone ({@link EventReader#readParsed}): both refuse it, or both give the same tree with the same result
 * slices (compared as {@link ResultScannerTest} shows them, which also reads each slice and refuses an unchecked
 * exception); and whatever the scanner passes (the event, each result) the mapper's parser passes too. Regression
 * mode (seeds in {@code ResultScannerFuzzTestInputs/read/}) runs in every
 * {@code mvn test}; see FUZZING.md.
 */
class ResultScannerFuzzTest {

    /** Input layout: the event's bytes. */
    @FuzzTest(maxDuration = "3m")
    void read(byte[] event) throws IOException {
        Object scanned = ResultScannerTest.outcome(() -> EventReader.readScanned(event, event.length));
        Object parsed = ResultScannerTest.outcome(() -> EventReader.readParsed(event, event.length));
        if (!scanned.equals(parsed)) {
            throw new AssertionError("read through the scanner: " + scanned + "\nread by the mapper: " + parsed);
        }
        int[] found = ResultScanner.scan(event, event.length);
        if (found != null) { // the mapper's parser passes it too (an IOException here is a finding)
            ResultScannerTest.tokens(event, 0, event.length);
            for (int k = 0; k < found.length; k += 2) {
                ResultScannerTest.tokens(event, found[k], found[k + 1] - found[k]);
            }
        }
    }
}
