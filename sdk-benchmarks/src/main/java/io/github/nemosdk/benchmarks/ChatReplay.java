package io.github.nemosdk.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;

/**
 * A deterministic, recorded-looking chat turn as a {@code text/event-stream}: ADK events (partial text chunks
 * followed by the complete text, function calls with their arguments, function responses carrying timeline state,
 * thoughts, keep-alives as {@code : ping} comments and empty {@code data:} lines) mixed with typed frames
 * ({@code text}, {@code tool_call}, {@code tool_result}, {@code heartbeat}), ending with a {@code turnComplete}
 * event. The same seed gives the same bytes.
 */
public final class ChatReplay {
    private static final String[] WORDS = {"the", "music", "track", "timeline", "fade", "out", "lo-fi", "beat",
        "volume", "clip", "added", "at", "35%", "and", "then", "I", "moved", "your", "second", "video", "to", "start",
        "after", "intro", "cut", "a", "calm", "piano", "theme", "under", "voice-over", "so", "it", "stays",
        "audible", "seconds", "transition", "export", "preview", "drag", "open", "click", "Export", "button", "音乐",
        "已添加", "节奏", "with", "of", "on", "in", "for", "this", "that", "is", "will", "be"};

    /** The stream bytes. */
    public final byte[] bytes;
    /** SSE events and comments in the stream (each ends with a blank line). */
    public final int sseEvents;

    private ChatReplay(byte[] bytes, int sseEvents) {
        this.bytes = bytes;
        this.sseEvents = sseEvents;
    }

    /**
     * Builds a replay of about {@code targetBytes}.
     *
     * @param targetBytes the size to reach (the last exchange may go a little beyond)
     * @param seed        the random seed
     * @return the replay
     */
    public static ChatReplay generate(int targetBytes, long seed) {
        Random r = new Random(seed);
        Builder b = new Builder();
        int exchange = 0;
        while (b.out.size() < targetBytes) {
            exchange++;
            // keep-alives while the model thinks
            int beats = 1 + r.nextInt(3);
            for (int i = 0; i < beats; i++) {
                switch (r.nextInt(3)) {
                    case 0:
                        b.raw(": ping\n\n");
                        break;
                    case 1:
                        b.raw("data:\n\n");
                        break;
                    default:
                        b.data("{\"type\":\"heartbeat\"}");
                }
            }
            if (exchange % 4 == 0) {
                typedExchange(b, r, exchange);
            } else {
                adkExchange(b, r, exchange);
            }
        }
        b.data(header(r, exchange) + ",\"turnComplete\":true}");
        return new ChatReplay(b.out.toByteArray(), b.events);
    }

    private static void adkExchange(Builder b, Random r, int n) {
        if (r.nextInt(3) == 0) {
            b.data(header(r, n) + ",\"content\":{\"role\":\"model\",\"parts\":[{\"text\":" + quote(sentence(r, 20))
                    + ",\"thought\":true}]}}");
        }
        // a reply streamed as partial chunks, then complete
        String reply = sentence(r, 25 + r.nextInt(60));
        int chunks = 2 + r.nextInt(4);
        int from = 0;
        for (int i = 1; i <= chunks; i++) {
            int to = i == chunks ? reply.length() : Math.max(from + 1, reply.length() * i / chunks);
            b.data(header(r, n) + ",\"content\":{\"role\":\"model\",\"parts\":[{\"text\":"
                    + quote(reply.substring(from, to)) + "}]},\"partial\":true}");
            from = to;
        }
        b.data(header(r, n) + ",\"content\":{\"role\":\"model\",\"parts\":[{\"text\":" + quote(reply) + "}]}}");
        // tool calls and their results (timeline state in the responses)
        int calls = 1 + r.nextInt(2);
        StringBuilder call = new StringBuilder(header(r, n) + ",\"content\":{\"role\":\"model\",\"parts\":[");
        StringBuilder result = new StringBuilder(header(r, n) + ",\"content\":{\"role\":\"user\",\"parts\":[");
        for (int i = 0; i < calls; i++) {
            String id = "adk-" + Long.toHexString(r.nextLong());
            String tool = r.nextBoolean() ? "add_audio_track" : "update_segment";
            call.append(i == 0 ? "" : ",").append("{\"functionCall\":{\"id\":\"").append(id).append("\",\"name\":\"")
                    .append(tool).append("\",\"args\":").append(args(r)).append("}}");
            result.append(i == 0 ? "" : ",").append("{\"functionResponse\":{\"id\":\"").append(id)
                    .append("\",\"name\":\"").append(tool).append("\",\"response\":{\"ok\":true,\"draft\":")
                    .append(draft(r, 3 + r.nextInt(10))).append("}}}");
        }
        b.data(call.append("]}}").toString());
        b.data(result.append("]}}").toString());
    }

    private static void typedExchange(Builder b, Random r, int n) {
        b.data("{\"type\":\"tool_call\",\"id\":\"call-" + n + "\",\"name\":\"set_volume\",\"args\":" + args(r) + "}");
        b.data("{\"type\":\"tool_result\",\"id\":\"call-" + n + "\",\"name\":\"set_volume\",\"result\":{\"ok\":true,"
                + "\"draft\":" + draft(r, 2 + r.nextInt(6)) + "}}");
        for (int i = 0; i < 2 + r.nextInt(4); i++) {
            b.data("{\"type\":\"text\",\"content\":" + quote(sentence(r, 8 + r.nextInt(20))) + "}");
        }
    }

    private static String header(Random r, int n) {
        return String.format(Locale.ROOT, "{\"id\":\"%08x-%04x-4%03x-a%03x-%012x\",\"invocationId\":\"e-%d\","
                + "\"author\":\"nemo_agent\",\"timestamp\":%d.%03d", r.nextInt(), r.nextInt(0x10000),
                r.nextInt(0x1000), r.nextInt(0x1000), r.nextLong() & 0xFFFFFFFFFFFFL, n / 8,
                1_760_000_000 + n, r.nextInt(1000));
    }

    private static String args(Random r) {
        return String.format(Locale.ROOT, "{\"track\":%d,\"segment\":\"a%d\",\"src\":\"lofi-%d.mp3\",\"start_ms\":%d,"
                + "\"duration_ms\":%d,\"volume\":0.%02d,\"fade_out_ms\":%d}", r.nextInt(3), r.nextInt(50),
                r.nextInt(900), r.nextInt(60_000), 1000 + r.nextInt(60_000), r.nextInt(100), r.nextInt(5000));
    }

    private static String draft(Random r, int segments) {
        StringBuilder sb = new StringBuilder("{\"ver\":").append(r.nextInt(100)).append(",\"t\":[");
        for (int t = 0; t < 2; t++) {
            sb.append(t == 0 ? "" : ",").append("{\"tt\":").append(t).append(",\"sg\":[");
            for (int s = 0; s < segments; s++) {
                sb.append(s == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"id\":\"s%d\",\"src\":\"clip-%d.mp4\","
                        + "\"st\":%d,\"du\":%d,\"ss\":%d,\"vol\":%.2f,\"fi\":%d,\"fo\":%d}", s, r.nextInt(40),
                        r.nextInt(100_000), r.nextInt(20_000), r.nextInt(5000), r.nextDouble(), r.nextInt(2000),
                        r.nextInt(2000)));
            }
            sb.append("]}");
        }
        return sb.append("]}").toString();
    }

    private static String sentence(Random r, int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            sb.append(i == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
        }
        return sb.append('.').toString();
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    private static final class Builder {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        int events;

        void data(String json) {
            raw("data: " + json + "\n\n");
        }

        void raw(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.write(b, 0, b.length);
            events++;
        }
    }
}
