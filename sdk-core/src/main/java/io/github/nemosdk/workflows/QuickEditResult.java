package io.github.nemosdk.workflows;

import io.github.nemosdk.chat.ChatReply;
import io.github.nemosdk.chat.TimelineChange;
import io.github.nemosdk.render.ExportResult;
import io.github.nemosdk.uploads.UploadResult;
import java.nio.file.Path;
import java.util.Objects;

/** A finished quick edit: the session, what was uploaded, what the assistant did, and the exported MP4. */
public final class QuickEditResult {
    private final Path input;
    private final String sessionId;
    private final UploadResult upload;
    private final ChatReply reply;
    private final TimelineChange change;
    private final ExportResult export;

    private QuickEditResult(Path input, String sessionId, UploadResult upload, ChatReply reply, TimelineChange change,
            ExportResult export) {
        this.input = Objects.requireNonNull(input, "input");
        this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
        this.upload = Objects.requireNonNull(upload, "upload");
        this.reply = Objects.requireNonNull(reply, "reply");
        this.change = Objects.requireNonNull(change, "change");
        this.export = Objects.requireNonNull(export, "export");
    }

    /**
     * Creates a result, e.g. for tests.
     *
     * @param input     the input file
     * @param sessionId the session used
     * @param upload    the upload
     * @param reply     the assistant's reply
     * @param change    the change to the timeline
     * @param export    the export
     * @return the result
     */
    public static QuickEditResult of(Path input, String sessionId, UploadResult upload, ChatReply reply,
            TimelineChange change, ExportResult export) {
        return new QuickEditResult(input, sessionId, upload, reply, change, export);
    }

    /**
     * The input file.
     *
     * @return the path given
     */
    public Path input() {
        return input;
    }

    /**
     * The session created for this edit; it can be refined further with {@code client.chat(sessionId)}.
     *
     * @return the session id
     */
    public String sessionId() {
        return sessionId;
    }

    /**
     * What was uploaded.
     *
     * @return the upload result
     */
    public UploadResult upload() {
        return upload;
    }

    /**
     * The assistant's reply to the instruction.
     *
     * @return the reply
     */
    public ChatReply reply() {
        return reply;
    }

    /**
     * How the timeline changed.
     *
     * @return the change, never empty
     */
    public TimelineChange change() {
        return change;
    }

    /**
     * The render and the downloaded file.
     *
     * @return the export
     */
    public ExportResult export() {
        return export;
    }

    /**
     * Shortcut for {@code export().file()}.
     *
     * @return the MP4 written
     */
    public Path output() {
        return export.file();
    }

    @Override
    public String toString() {
        return "QuickEditResult{" + input.getFileName() + " -> " + export.file() + ", " + change.description() + "}";
    }
}
