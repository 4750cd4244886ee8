package io.github.nemosdk.assistant;

import io.github.nemosdk.assistant.PhraseTable.Modifier;
import io.github.nemosdk.assistant.internal.PhraseSearch.Clause;
import io.github.nemosdk.assistant.internal.PhraseSearch.Hit;
import io.github.nemosdk.assistant.internal.PhraseSearch;
import io.github.nemosdk.assistant.internal.UploadTargets;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The products' request router as a pure function: an utterance in, a {@link Route} out, no network. Thread-safe.
 *
 * <h2>The rule</h2>
 * <ol>
 * <li><b>Files and URLs.</b> The files and http(s) URLs the utterance names are found first (paths, {@code ~/…},
 * {@code C:\…}, a bare {@code clip.mp4}, quoted paths with spaces) and taken out of the text, so that
 * {@code /exports/clip.mp4} does not say "export". An utterance that is <em>only</em> files and URLs is an
 * {@link AssistantAction#UPLOAD}.</li>
 * <li><b>Phrases.</b> The rest is normalised (NFKC, lower case) and {@link Modifier#IGNORED} phrases are masked
 * ("balance of the mix", "end credits", "特别"). Action phrases from the {@link PhraseTable} match case-insensitively
 * on whole words (Latin script) or anywhere (Chinese, Japanese, …): "Export!", "please export the video",
 * "导出视频", "can you send me the video?", "余额多少" all match; "exported", "downloads folder" do not.</li>
 * <li><b>Clauses.</b> The text is split into clauses at punctuation ({@code , . ; ! ?} and their full-width forms,
 * {@code 、}) and at {@link Modifier#SEPARATOR} words ("and", "but", "then", "然后", "但是").</li>
 * <li><b>A phrase counts</b> only if, within its clause, no {@link Modifier#NEGATION} comes before it ("don't",
 * "do not", "not", "no", "never", "stop", "cancel", "不要", "别", "先不", "不用"), no
 * {@link Modifier#CLAUSE_NEGATION} stands anywhere ("later", "not yet", "稍后"), and the clause is not a
 * how/why/when/where {@link Modifier#QUESTION} ("how do I export?", "when will the download be ready?", "导出怎么用",
 * "为什么不能导出" are for the chat backend to answer). "when" and "where" make a question only as one ("when will",
 * "where is", "where's"): "send me the video when it's ready" and "export it when you're done" are requests with a
 * time, and export. "don't export yet", "do not download anything" and "先不要导出" go to chat, while "no music, just
 * export" exports (the "no" is in another clause). "upload" / "上传" counts only when the utterance names a file or
 * URL: "upload speed is slow" is not an upload. An export phrase in a clause that names a URL is about fetching that
 * URL, not about the video: "download the song from https://… and add it" does not export.</li>
 * <li><b>Edits.</b> An {@link Modifier#EDIT} word that counts by the same rule ("add", "make", "fade", "添加",
 * "换") means the utterance asks for a change, which only the chat backend can make.</li>
 * <li><b>The route.</b>
 * <ul>
 * <li>No action phrase counts: {@link AssistantAction#CHAT} with the utterance as typed; when it names local media
 * files (an accepted video, image or audio extension: "add music to ~/clips/beach.mp4"), they are uploaded first
 * ({@link AssistantAction#UPLOAD}, then CHAT) and the message names them by file name only, since the backend cannot
 * read this machine's disk; not when "upload" is negated or asked about ("don't upload ~/raw.mp4, just add
 * music"). URLs stay in the text: the backend can fetch them.</li>
 * <li>Action phrases and no edit: those actions, in the order they were said ("show tracks and credits" reads
 * both); the chat backend is not involved.</li>
 * <li>Action phrases and an edit ("add music and export", "make the intro shorter, then show tracks"): the edit
 * goes to chat. An upload runs <em>before</em> it (the edit needs the media); the read-only actions (state,
 * credits) run <em>after</em> it, so they show the edited timeline; an export is <em>not</em> run but
 * {@linkplain Route#offered() offered}: the turn may not apply the edit as wished, or may end with a question, and
 * a 30–90 s render of the wrong timeline is worse than one more click.</li>
 * </ul></li>
 * </ol>
 */
public final class UtteranceRouter {
    private static final UtteranceRouter DEFAULT = new UtteranceRouter(PhraseTable.defaults());
    /** Stands where a URL was taken out of the text (a private-use character: matches nothing). */
    private static final char URL_MARK = '\uE000';
    /** Stands where a file path was taken out of the text. */
    private static final char FILE_MARK = '\uE001';

    private final PhraseTable table;
    /** phrase → action; a phrase listed for two actions belongs to the first. */
    private final Map<String, AssistantAction> actionOf = new LinkedHashMap<>();

    private UtteranceRouter(PhraseTable table) {
        this.table = table;
        for (AssistantAction a : AssistantAction.values()) {
            for (String p : table.phrases(a)) {
                actionOf.putIfAbsent(p, a);
            }
        }
    }

    /**
     * The router with the products' English and Chinese phrases ({@link PhraseTable#defaults()}).
     *
     * @return the default router
     */
    public static UtteranceRouter defaults() {
        return DEFAULT;
    }

    /**
     * A router listening for a table's phrases. To extend the defaults, pass
     * {@code PhraseTable.defaults().plus(yours)}.
     *
     * @param table the phrases
     * @return the router
     */
    public static UtteranceRouter of(PhraseTable table) {
        return new UtteranceRouter(Objects.requireNonNull(table, "table"));
    }

    /**
     * The phrases this router listens for.
     *
     * @return the table
     */
    public PhraseTable phrases() {
        return table;
    }

    /**
     * Routes an utterance, as the class documentation describes.
     *
     * @param utterance what the user typed or said
     * @return the route
     * @throws IllegalArgumentException if the utterance is blank
     */
    public Route route(String utterance) {
        Objects.requireNonNull(utterance, "utterance");
        String original = utterance.strip();
        if (original.isEmpty()) {
            throw new IllegalArgumentException("The utterance is blank: say what to do.");
        }
        List<UploadTargets.Target> targets = UploadTargets.find(original);
        List<Path> files = new ArrayList<>();
        List<URI> urls = new ArrayList<>();
        StringBuilder rest = new StringBuilder(original);
        for (UploadTargets.Target t : targets) {
            if (t.file != null) {
                files.add(t.file);
            } else {
                urls.add(t.url);
            }
            for (int i = t.start; i < t.end; i++) {
                rest.setCharAt(i, ' ');
            }
            rest.setCharAt(t.start, t.url != null ? URL_MARK : FILE_MARK);
        }
        if (!targets.isEmpty() && rest.codePoints().noneMatch(Character::isLetterOrDigit)) {
            return new Route(original, List.of(AssistantAction.UPLOAD), List.of(), files, urls, null,
                    "The message is only files or URLs: upload them.");
        }

        String text = PhraseSearch.mask(PhraseSearch.normalize(rest.toString()), table.words(Modifier.IGNORED));
        List<Clause> clauses = PhraseSearch.clauses(text, table.words(Modifier.SEPARATOR));
        List<Hit> actionHits = PhraseSearch.withoutOverlaps(PhraseSearch.findAll(text, actionOf.keySet()));
        List<Hit> negations = PhraseSearch.findAll(text, table.words(Modifier.NEGATION));
        List<Hit> clauseNegations = PhraseSearch.findAll(text, table.words(Modifier.CLAUSE_NEGATION));
        List<Hit> questions = PhraseSearch.findAll(text, table.words(Modifier.QUESTION));

        Set<AssistantAction> actions = new LinkedHashSet<>();
        List<String> notes = new ArrayList<>();
        List<String> matched = new ArrayList<>();
        boolean uploadBlocked = false;
        for (Hit h : actionHits) {
            AssistantAction action = actionOf.get(h.phrase);
            String blocked = blocker(h, clauses, negations, clauseNegations, questions);
            uploadBlocked |= blocked != null && action == AssistantAction.UPLOAD;
            if (blocked == null && action == AssistantAction.UPLOAD && targets.isEmpty()) {
                blocked = "names no file or URL";
            }
            if (blocked == null && action == AssistantAction.EXPORT && clauseHas(text, clauses, h, URL_MARK)) {
                blocked = "is about fetching a URL, not about the video";
            }
            if (blocked == null) {
                actions.add(action);
                matched.add(quote(h.phrase));
            } else {
                notes.add(quote(h.phrase) + " " + blocked);
            }
        }
        String edit = null;
        for (Hit h : PhraseSearch.findAll(text, table.words(Modifier.EDIT))) {
            boolean overlapsAction = actionHits.stream().anyMatch(a -> h.start < a.end && a.start < h.end);
            if (!overlapsAction && blocker(h, clauses, negations, clauseNegations, questions) == null) {
                edit = h.phrase;
                break;
            }
        }

        // the backend cannot read this machine's disk: media files named in a chat message go up first, and the
        // message names them by file name only; not when the user said not to upload, or asked about uploading
        List<UploadTargets.Target> media = uploadBlocked ? List.of() : localMedia(targets);
        List<Path> mediaFiles = new ArrayList<>();
        media.forEach(t -> mediaFiles.add(t.file));
        if (actions.isEmpty()) {
            String why = notes.isEmpty() ? "No action phrase: the chat backend handles it."
                    : "Chat, because " + String.join("; ", notes) + ".";
            if (!media.isEmpty()) {
                return new Route(original, List.of(AssistantAction.UPLOAD, AssistantAction.CHAT), List.of(),
                        mediaFiles, List.of(), withFileNames(original, media), why + " The local media file"
                                + (media.size() == 1 ? " it names is" : "s it names are") + " uploaded first.");
            }
            return new Route(original, List.of(AssistantAction.CHAT), List.of(), List.of(), List.of(), original, why);
        }
        if (edit == null) {
            boolean upload = actions.contains(AssistantAction.UPLOAD);
            return new Route(original, new ArrayList<>(actions), List.of(), upload ? files : List.of(),
                    upload ? urls : List.of(), null,
                    "Matched " + String.join(", ", matched) + (notes.isEmpty() ? "" : "; " + String.join("; ", notes))
                            + ".");
        }
        List<AssistantAction> steps = new ArrayList<>();
        boolean uploadAll = actions.contains(AssistantAction.UPLOAD);
        if (uploadAll || !media.isEmpty()) {
            steps.add(AssistantAction.UPLOAD); // the edit needs the media, and the backend cannot read local files
        }
        steps.add(AssistantAction.CHAT);
        for (AssistantAction a : actions) {
            if (a.isReadOnly()) {
                steps.add(a);
            }
        }
        List<AssistantAction> offered = actions.contains(AssistantAction.EXPORT) ? List.of(AssistantAction.EXPORT)
                : List.of();
        String prompt = uploadAll ? withFileNames(original, targets)
                : media.isEmpty() ? original : withFileNames(original, media);
        return new Route(original, steps, offered, uploadAll ? files : mediaFiles, uploadAll ? urls : List.of(),
                prompt, "Matched "
                + String.join(", ", matched)
                + " together with the edit " + quote(edit) + ": the edit goes to chat"
                + (offered.isEmpty() ? "" : ", and export is offered after it rather than run") + ".");
    }

    /** Why a hit does not count, or null when it counts. */
    private static String blocker(Hit h, List<Clause> clauses, List<Hit> negations, List<Hit> clauseNegations,
            List<Hit> questions) {
        Clause clause = null;
        for (Clause c : clauses) {
            if (h.start >= c.start && h.start < c.end) {
                clause = c;
                break;
            }
        }
        if (clause == null) {
            return null;
        }
        for (Hit n : negations) {
            if (clause.contains(n) && n.end <= h.start) {
                return "is negated by " + quote(n.phrase);
            }
        }
        for (Hit n : clauseNegations) {
            if (clause.contains(n) && (n.end <= h.start || n.start >= h.end)) {
                return "is put off by " + quote(n.phrase);
            }
        }
        for (Hit q : questions) {
            if (clause.contains(q) && (q.end <= h.start || q.start >= h.end)) {
                return "is in a question (" + quote(q.phrase) + ")";
            }
        }
        return null;
    }

    private static boolean clauseHas(String text, List<Clause> clauses, Hit h, char mark) {
        for (Clause c : clauses) {
            if (h.start >= c.start && h.start < c.end) {
                return text.substring(c.start, c.end).indexOf(mark) >= 0;
            }
        }
        return false;
    }

    /** The local files with a media extension the service accepts ("/slow-mo" or "logo.svg" are not sent). */
    private static List<UploadTargets.Target> localMedia(List<UploadTargets.Target> targets) {
        List<UploadTargets.Target> files = new ArrayList<>();
        for (UploadTargets.Target t : targets) {
            if (t.file != null && t.file.getFileName() != null
                    && io.github.nemosdk.uploads.MediaKind.ofFilename(t.file.getFileName().toString()).isPresent()) {
                files.add(t);
            }
        }
        return files;
    }

    private static String withFileNames(String original, List<UploadTargets.Target> targets) {
        StringBuilder sb = new StringBuilder();
        int at = 0;
        for (UploadTargets.Target t : targets) {
            sb.append(original, at, t.start);
            sb.append(t.file != null && t.file.getFileName() != null ? t.file.getFileName().toString()
                    : original.substring(t.start, t.end));
            at = t.end;
        }
        return sb.append(original.substring(at)).toString();
    }

    private static String quote(String phrase) {
        return "\"" + phrase + "\"";
    }

    /** The actions whose phrases appear in a text, ignoring the modifiers; for button labels. */
    Set<AssistantAction> actionsNamedIn(String text) {
        Set<AssistantAction> found = EnumSet.noneOf(AssistantAction.class);
        String n = PhraseSearch.mask(PhraseSearch.normalize(text), table.words(Modifier.IGNORED));
        for (Hit h : PhraseSearch.withoutOverlaps(PhraseSearch.findAll(n, actionOf.keySet()))) {
            found.add(actionOf.get(h.phrase));
        }
        return found;
    }
}
