package io.github.nemosdk.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.nemosdk.chat.ChatEvent;
import io.github.nemosdk.chat.ChatSettings;
import io.github.nemosdk.internal.sse.FrameDecoder;
import io.github.nemosdk.internal.sse.SseEvent;
import io.github.nemosdk.internal.sse.SseParser;
import io.github.nemosdk.internal.sse.SseSink;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * JMH benchmark of the chat decoder alone, without HTTP: one operation decodes the whole {@link ChatReplay}
 * ({@value #REPLAY_BYTES} bytes) fed in 16 KiB pieces.
 * <ul>
 * <li>{@code sdk}: {@link SseParser} + {@link FrameDecoder}, as {@code ChatStream} uses them, down to
 * {@link ChatEvent}s;</li>
 * <li>{@code raw}: a {@link BufferedReader} over the bytes (what {@code BodyHandlers.ofLines()} does) and a Jackson
 * {@code readTree} of each non-blank {@code data:} line.</li>
 * </ul>
 * {@link BenchmarkSuite} runs it with {@code -prof gc} and turns the time per operation into MB/s and
 * {@code gc.alloc.rate.norm} into bytes allocated per SSE event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SseDecoderBenchmark {
    /** The replay size. */
    public static final int REPLAY_BYTES = 2 * 1024 * 1024;
    /** The replay seed. */
    public static final long SEED = 7;
    private static final int PIECE = 16 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private byte[] replay;
    private final ChatSettings settings = ChatSettings.defaults();

    /** Builds the replay. */
    @Setup
    public void setUp() {
        replay = ChatReplay.generate(REPLAY_BYTES, SEED).bytes;
    }

    /**
     * The SDK's decoder.
     *
     * @param bh sink
     */
    @Benchmark
    public void sdk(Blackhole bh) {
        SseParser parser = new SseParser(settings.maxLineBytes(), settings.maxEventBytes());
        FrameDecoder decoder = new FrameDecoder();
        Consumer<ChatEvent> out = bh::consume;
        SseSink sink = new SseSink() {
            @Override
            public void event(SseEvent e) {
                decoder.event(e, out);
            }

            @Override
            public void comment(String text) {
                decoder.comment(text, out);
            }
        };
        for (int off = 0; off < replay.length; off += PIECE) {
            parser.feed(replay, off, Math.min(PIECE, replay.length - off), sink);
        }
        parser.finish(sink);
    }

    /**
     * Lines plus {@code readTree}.
     *
     * @param bh sink
     * @throws IOException never (in memory)
     */
    @Benchmark
    public void raw(Blackhole bh) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(replay),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("data:")) {
                    String v = line.startsWith("data: ") ? line.substring(6) : line.substring(5);
                    if (!v.isBlank()) {
                        JsonNode node = MAPPER.readTree(v);
                        bh.consume(node);
                    }
                }
            }
        }
    }
}
