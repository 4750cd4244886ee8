package io.github.nemosdk.internal.workflows;

import io.github.nemosdk.NemoClient;
import io.github.nemosdk.chat.ChatReply;
import io.github.nemosdk.chat.TimelineChange;
import io.github.nemosdk.errors.ChatRecoveryFailedException;
import io.github.nemosdk.errors.EditNotAppliedException;
import io.github.nemosdk.internal.Listeners;
import io.github.nemosdk.internal.uploads.MediaCheck;
import io.github.nemosdk.render.ExportResult;
import io.github.nemosdk.render.RenderOptions;
import io.github.nemosdk.state.Draft;
import io.github.nemosdk.uploads.UploadResult;
import io.github.nemosdk.workflows.BatchResult;
import io.github.nemosdk.workflows.QuickEditOptions;
import io.github.nemosdk.workflows.QuickEditResult;
import io.github.nemosdk.workflows.WorkflowListener;
import io.github.nemosdk.workflows.WorkflowStage;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One file of a batch, step by step, each step recorded in the journal and each resumed from it: skipped when an
 * earlier run wrote its MP4; the same session and no second upload when it got that far; and a message that was
 * sent in an earlier run is never sent again: its edit is looked for in the session's timeline instead.
 */
final class BatchItem {
    private final NemoClient client;
    private final Path video;
    private final String instruction;
    private final Path out;
    private final WorkflowListener listener;
    private final RenderOptions render;
    private final BatchJournal journal;
    private final BatchThrottle throttle;

    BatchItem(NemoClient client, Path video, String instruction, Path out, QuickEditOptions options,
            RenderOptions render, BatchJournal journal, BatchThrottle throttle) {
        this.client = client;
        this.video = video;
        this.instruction = instruction;
        this.out = out;
        this.listener = options.listener();
        this.render = render;
        this.journal = journal;
        this.throttle = throttle;
    }

    BatchResult.Item run() {
        BatchJournal.Entry e = journal.get(video, out);
        if (e != null && e.reached(BatchJournal.Stage.DONE) && Files.isRegularFile(out)) {
            tell(WorkflowStage.DONE, "Already done in an earlier run: " + out);
            return BatchResult.Item.resumed(video, BatchResult.Status.SKIPPED, out, e.session);
        }
        MediaCheck.checkFile(video, client.maxUploadBytes());
        String sid = e != null ? e.session : null;
        if (sid == null) {
            sid = throttle.run(() -> client.sessions().create()).sessionId();
            journal.record(video, out, BatchJournal.Stage.SESSION, sid, null);
            tell(WorkflowStage.SESSION_CREATED, "Session " + sid);
        }
        String session = sid;
        UploadResult upload = null;
        if (e == null || !e.reached(BatchJournal.Stage.UPLOADED)) {
            upload = throttle.run(() -> client.uploads(session).file(video));
            journal.record(video, out, BatchJournal.Stage.UPLOADED, session, null);
            tell(WorkflowStage.UPLOADED, "Uploaded " + video.getFileName());
        }
        ChatReply reply = null;
        TimelineChange change = null;
        boolean recovered = false;
        if (e == null || !e.reached(BatchJournal.Stage.SENDING)) {
            Draft before = throttle.run(() -> client.state(session).latest().draft());
            // on disk before the message leaves: a run that stops from here on never sends it again
            journal.record(video, out, BatchJournal.Stage.SENDING, session, before);
            // a 429 after the message left (a state read of the turn) must not send it again
            reply = throttle.runOnce(() -> client.chat(session).send(instruction), "chat");
            ChatReply said = reply;
            tell(WorkflowStage.EDITED, said.display());
            change = TimelineChange.between(before, throttle.run(() -> client.state(session).latest().draft()));
            if (change.isEmpty()) {
                throw new EditNotAppliedException(session, reply.text());
            }
        } else if (!e.reached(BatchJournal.Stage.EDITED)) {
            Draft now = throttle.run(() -> client.state(session).latest().draft());
            if (e.before == null || e.before.equals(BatchJournal.fingerprint(now.toJson().toString()))) {
                throw new ChatRecoveryFailedException("The instruction was sent to session " + session + " by an"
                        + " earlier run that stopped before the answer, and the session's timeline shows no edit. It"
                        + " is not sent again, which could charge twice: look at the session, then run this file in"
                        + " a batch with a new journal if the edit is still wanted.", null);
            }
            recovered = true;
            tell(WorkflowStage.EDITED, "Recovered: the session's timeline changed after the message was sent");
        }
        if (e == null || !e.reached(BatchJournal.Stage.EDITED)) {
            journal.record(video, out, BatchJournal.Stage.EDITED, session, null);
        }
        if (change != null) {
            tell(WorkflowStage.CONFIRMED, change.description());
        }
        // a render is never started twice here: a 429 on its start is repeated only when the start never got in
        ExportResult export = throttle.runOnce(() -> client.render().export(session, out, render, job -> {
            tell(WorkflowStage.RENDERING, job.display());
            Listeners.tell("workflow", () -> listener.onRender(video, job));
        }), "render-start");
        journal.record(video, out, BatchJournal.Stage.DONE, session, null);
        tell(WorkflowStage.DONE, "Saved " + export.file());
        if (upload != null && reply != null) {
            return BatchResult.Item.success(video, QuickEditResult.of(video, session, upload, reply, change,
                    export));
        }
        return BatchResult.Item.resumed(video, recovered ? BatchResult.Status.RECOVERED : BatchResult.Status.DONE,
                export.file(), session);
    }

    private void tell(WorkflowStage stage, String message) {
        DefaultWorkflowsClient.tell(listener, video, stage, message);
    }
}
