package io.github.nemosdk.internal.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nemosdk.internal.Json;
import io.github.nemosdk.state.Draft;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The journal of a batch: one JSON line per step of each input, appended and flushed to disk before the step's
 * effect is relied on (the line saying a message is about to be sent is on disk before it is sent). Reading it
 * back gives each input's last step; a line cut short by a crash is ignored. The first line names the instruction,
 * so a journal is never resumed with another one. Thread-safe.
 */
final class BatchJournal implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("io.github.nemosdk");

    /** The steps of one input, in order. */
    enum Stage {
        /** Its session exists. */
        SESSION,
        /** It is uploaded to that session. */
        UPLOADED,
        /** Its message is about to be sent (the timeline before it is recorded). */
        SENDING,
        /** The edit is confirmed in the timeline. */
        EDITED,
        /** Its MP4 is written. */
        DONE
    }

    /** What the journal knows of one input. */
    static final class Entry {
        Stage stage;
        String session;
        /** The fingerprint of the draft before the message (the draft itself may hold signed media URLs). */
        String before;

        boolean reached(Stage s) {
            return stage != null && stage.compareTo(s) >= 0;
        }
    }

    private final FileChannel channel;
    private final Map<String, Entry> entries;

    private BatchJournal(FileChannel channel, Map<String, Entry> entries) {
        this.channel = channel;
        this.entries = entries;
    }

    /**
     * A draft's fingerprint, for telling whether a timeline changed without keeping it.
     *
     * @param draftJson the draft as JSON text
     * @return hex SHA-256 of its UTF-8 bytes
     */
    static String fingerprint(String draftJson) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(draftJson.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (byte b : h) {
                sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return sb.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** A journal that keeps nothing, for a batch without one. */
    static BatchJournal none() {
        return new BatchJournal(null, new HashMap<>());
    }

    /**
     * Opens a journal, reading what an earlier run recorded.
     *
     * @param file        the file (created if missing)
     * @param instruction the batch's instruction
     * @return the journal
     * @throws IllegalArgumentException if the journal belongs to a batch with another instruction
     * @throws UncheckedIOException if it cannot be read or written
     */
    static BatchJournal open(Path file, String instruction) {
        Map<String, Entry> entries = new HashMap<>();
        boolean fresh = true;
        boolean endsClean = true;
        try {
            if (Files.exists(file)) {
                byte[] all = Files.readAllBytes(file);
                endsClean = all.length == 0 || all[all.length - 1] == '\n';
                List<String> lines = List.of(new String(all, StandardCharsets.UTF_8).split("\n"));
                for (String line : lines) {
                    JsonNode n = parse(line);
                    if (n == null) {
                        continue; // cut short by a crash
                    }
                    if (n.has("instruction")) {
                        fresh = false;
                        if (!instruction.equals(n.get("instruction").asText())) {
                            throw new IllegalArgumentException("The journal " + file + " belongs to a batch with"
                                    + " another instruction (\"" + n.get("instruction").asText() + "\"). Give the"
                                    + " same instruction to resume it, or a new journal file for a new batch.");
                        }
                        continue;
                    }
                    apply(entries, n);
                }
            }
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            java.nio.channels.FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException inThisJvm) {
                lock = null;
            }
            if (lock == null) {
                ch.close();
                throw new IllegalStateException("The journal " + file + " is in use by another run of the batch."
                        + " Let that run finish, or stop it, before starting this one.");
            }
            BatchJournal journal = new BatchJournal(ch, entries);
            if (!endsClean) {
                journal.write("\n"); // the torn line ends here; the next record starts clean
            }
            if (fresh) {
                ObjectNode head = Json.object();
                head.put("instruction", instruction);
                journal.write(head.toString() + "\n");
            }
            return journal;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use the batch journal " + file + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            JsonNode n = Json.mapper().readTree(line);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "Ignoring a journal line cut short: " + e.getMessage());
            return null;
        }
    }

    private static void apply(Map<String, Entry> entries, JsonNode n) {
        String input = Json.text(n, "input");
        String stage = Json.text(n, "stage");
        if (input == null || stage == null) {
            return;
        }
        Entry e = entries.computeIfAbsent(input, k -> new Entry());
        try {
            e.stage = Stage.valueOf(stage);
        } catch (IllegalArgumentException unknown) {
            return;
        }
        if (Json.text(n, "session") != null) {
            e.session = Json.text(n, "session");
        }
        if (Json.text(n, "before") != null) {
            e.before = Json.text(n, "before");
        }
    }

    /**
     * Checks that the journal is resumed with the same files: an input it knows under an output this batch does not
     * produce (the files were listed in another order, or one was added or removed) would not be recognised, and its
     * message could be sent again.
     *
     * @param inputs  the batch's inputs
     * @param outputs their MP4s, in the same order
     * @throws IllegalArgumentException when an input is known under another output
     */
    synchronized void checkSameFiles(List<Path> inputs, List<Path> outputs) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        java.util.Set<String> prefixes = new java.util.HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            keys.add(key(inputs.get(i), outputs.get(i)));
            prefixes.add(inputs.get(i).toAbsolutePath().normalize() + " -> ");
        }
        for (String known : entries.keySet()) {
            int arrow = known.indexOf(" -> ");
            if (arrow > 0 && prefixes.contains(known.substring(0, arrow + 4)) && !keys.contains(known)) {
                throw new IllegalArgumentException("The journal knows " + known.substring(0, arrow) + " with the"
                        + " output " + known.substring(arrow + 4) + ", which this batch does not write: resume it"
                        + " with the same files in the same order, or start a new journal.");
            }
        }
    }

    /**
     * What the journal knows of an input and its output (the same clip listed twice is two items).
     *
     * @param input  the input
     * @param output its MP4
     * @return its entry, or null when it has none
     */
    synchronized Entry get(Path input, Path output) {
        return entries.get(key(input, output));
    }

    /**
     * Records a step, on disk before this returns.
     *
     * @param input   the input
     * @param output  its MP4
     * @param stage   the step reached
     * @param session its session
     * @param before  the draft before the message (for {@link Stage#SENDING}), or null; kept as a fingerprint
     */
    synchronized void record(Path input, Path output, Stage stage, String session, Draft before) {
        ObjectNode n = Json.object();
        n.put("input", key(input, output));
        n.put("stage", stage.name());
        n.put("session", session);
        if (before != null && channel != null) { // only a journal on disk is ever read back
            n.put("before", fingerprint(before.toJson().toString()));
        }
        apply(entries, n);
        if (channel != null) {
            write(n.toString() + "\n");
        }
    }

    private void write(String line) {
        try {
            ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                channel.write(b);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the batch journal: " + e.getMessage(), e);
        }
    }

    private static String key(Path input, Path output) {
        return input.toAbsolutePath().normalize() + " -> " + output.toAbsolutePath().normalize();
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing was lost: every record was flushed when written
            }
        }
    }
}
