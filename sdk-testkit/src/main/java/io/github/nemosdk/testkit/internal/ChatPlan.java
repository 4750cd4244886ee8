package io.github.nemosdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a chat prompt asks for, found with simple case-insensitive rules, and the draft edits and
 * reply that answer it. Several rules may apply to one prompt; they are applied in the order
 * remove music, add music, set volume, fades, title. Immutable.
 *
 * <p>Draft keys: {@code t} tracks, {@code tt} track type (0 video, 1 audio, 7 text), {@code sg}
 * segments, {@code d} duration in ms, {@code m} metadata. Edits only add or change the keys they
 * are about; every other key of the draft is kept.
 */
final class ChatPlan {

    static final int VIDEO = 0;
    static final int AUDIO = 1;
    static final int TEXT = 7;

    static final long DEFAULT_MUSIC_MS = 10_000;
    static final long TITLE_MS = 3_000;
    static final long FADE_MS = 2_000;
    static final String DEFAULT_STYLE = "Upbeat";
    static final BigDecimal DEFAULT_PERCENT = BigDecimal.valueOf(50);

    static final String GUI_OUTRO = "Preview it in the timeline, then click the Export button when you're ready.";

    private static final String MUSIC_NOUN = "(?:music|bgm|tracks?|songs?|soundtracks?)";

    private static final Pattern TITLE = Pattern.compile(
            "\\b(?:title|caption|text)\\b[^\"\u201c\u201d\\n]{0,40}?[\"\u201c\u201d]([^\"\u201c\u201d]+)[\"\u201c\u201d]",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern ADD_MUSIC = Pattern.compile(
            "\\b(?:add|adding|put|use|using|create|make|generate|insert|include|play|give|want|need)\\b"
                    + "([^.!?;]{0,60}?)\\b" + MUSIC_NOUN + "\\b");
    /** Words that, between the verb and the noun, mean the verb is about something else. */
    private static final Pattern NOT_ADDING = Pattern.compile(
            "\\b(?:title|caption|text|remove|delete|drop|rid|without)\\b");
    private static final Pattern REMOVE_MUSIC = Pattern.compile(
            "\\b(?:remove|delete|drop|get\\s+rid\\s+of|take\\s+out)\\b"
                    + "(?:\\s+(?:the|all|my|this|that|any|of|background|current|existing|old))*\\s+"
                    + MUSIC_NOUN + "\\b");
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3}(?:\\.\\d+)?)\\s*(?:%|percent\\b)");
    private static final Pattern VOLUME_TARGET = Pattern.compile("\\bvolume\\b|\\b" + MUSIC_NOUN + "\\b");
    private static final Pattern FADE_OUT = Pattern.compile(
            "\\bfade[sd]?(?:\\s+(?:it|them|the|music|bgm|audio|track|song|sound|that|this|in|and))*[\\s-]*out\\b");
    private static final Pattern FADE_IN = Pattern.compile(
            "\\bfade[sd]?(?:\\s+(?:it|them|the|music|bgm|audio|track|song|sound|that|this))*[\\s-]*in\\b");
    private static final Pattern MOOD = Pattern.compile("\\bmood");

    private static final String[][] STYLES = {
        {"\\blo[\\s-]?fi\\b", "Lo-fi"},
        {"\\bjazz", "Jazz"},
        {"\\bupbeat\\b", "Upbeat"},
        {"\\btrend(?:ing|y)\\b", "Trending"},
        {"\\bcinematic\\b", "Cinematic"},
        {"\\bacoustic\\b", "Acoustic"},
        {"\\b(?:electronic|edm)\\b", "Electronic"},
        {"\\bhip[\\s-]?hop\\b", "Hip Hop"},
        {"\\bpiano\\b", "Piano"},
        {"\\bambient\\b", "Ambient"},
        {"\\bepic\\b", "Epic"},
        {"\\bchill", "Chill"},
    };
    private static final List<Pattern> STYLE_PATTERNS;

    static {
        List<Pattern> patterns = new ArrayList<>();
        for (String[] style : STYLES) {
            patterns.add(Pattern.compile(style[0]));
        }
        STYLE_PATTERNS = Collections.unmodifiableList(patterns);
    }

    /** One tool call of the turn: its name and arguments, the draft change and the reply sentence. */
    static final class Op {
        final String tool;
        final ObjectNode args;
        final Consumer<ObjectNode> edit;
        final String sentence;

        Op(String tool, ObjectNode args, Consumer<ObjectNode> edit, String sentence) {
            this.tool = tool;
            this.args = args;
            this.edit = edit;
            this.sentence = sentence;
        }
    }

    /** Words with which a prompt asks to choose for itself. */
    private static final Pattern ASK = Pattern.compile("\\b(?:let\\s+me\\s+(?:choose|pick|decide)|ask\\s+me"
            + "|give\\s+me\\s+(?:some\\s+)?(?:options|choices)|which\\s+(?:style|kind|genre)"
            + "|what\\s+(?:style|kind|genre)s?\\s+(?:of\\s+music\\s+)?(?:do\\s+you\\s+have|are\\s+there))\\b[^.!?;,]*");
    /** The choices of the style question: option id and label. */
    static final String[][] STYLE_OPTIONS = {
        {"lofi", "Lo-fi"}, {"jazz", "Jazz"}, {"upbeat", "Upbeat"}, {"cinematic", "Cinematic"}, {"trending", "Trending"},
    };
    static final String QUESTION_REPLY = "A couple of choices before I add the music.";

    private final List<Op> ops;
    private final String reply;
    private final String thought;
    private final ObjectNode question;
    private final String pendingPrompt;

    private ChatPlan(List<Op> ops, String reply, String thought) {
        this(ops, reply, thought, null, null);
    }

    private ChatPlan(List<Op> ops, String reply, String thought, ObjectNode question, String pendingPrompt) {
        this.ops = List.copyOf(ops);
        this.reply = reply;
        this.thought = thought;
        this.question = question;
        this.pendingPrompt = pendingPrompt;
    }

    /** Whether the turn only asks the user to choose ({@code ask_question}); no edit, no credits. */
    boolean isQuestion() {
        return question != null;
    }

    /** The arguments of the {@code ask_question} call: {@code {"questions":[…]}}. */
    ObjectNode question() {
        return question.deepCopy();
    }

    /** The prompt without its asking words, completed by the answer in the next turn. */
    String pendingPrompt() {
        return pendingPrompt;
    }

    /** Whether the turn edits the draft (and costs credits); false for a text-only answer. */
    boolean isEdit() {
        return !ops.isEmpty();
    }

    List<Op> ops() {
        return ops;
    }

    /** The text for the user. */
    String reply() {
        return reply;
    }

    /** The agent's private reasoning line (an ADK {@code thought} part). */
    String thought() {
        return thought;
    }

    /** Applies every edit, in order, to {@code draft}. */
    void applyTo(ObjectNode draft) {
        for (Op op : ops) {
            op.edit.accept(draft);
        }
    }

    /**
     * Reads {@code prompt} and plans the answer for a session whose draft is currently {@code draft}
     * (used to tell whether there is music to change or remove).
     */
    static ChatPlan of(String prompt, JsonNode draft) {
        return of(prompt, draft, false);
    }

    /**
     * Like {@link #of(String, JsonNode)}; with {@code askQuestions}, a prompt that asks for music and for a
     * choice without naming a style is planned as a question instead.
     */
    static ChatPlan of(String prompt, JsonNode draft, boolean askQuestions) {
        if (askQuestions) {
            ChatPlan asking = question(prompt);
            if (asking != null) {
                return asking;
            }
        }
        return plan(prompt, draft);
    }

    /** The question turn for a prompt that asks to choose, or null. */
    private static ChatPlan question(String prompt) {
        String text = prompt.toLowerCase(Locale.ROOT);
        Matcher ask = ASK.matcher(text);
        if (!ask.find() || !findsAddMusic(text) || explicitStyle(text) != null) {
            return null;
        }
        ObjectNode args = Json.object();
        ArrayNode questions = args.putArray("questions");
        ObjectNode style = questions.addObject();
        style.put("id", "style");
        style.put("prompt", "Which style of music should I add?");
        ArrayNode options = style.putArray("options");
        for (String[] o : STYLE_OPTIONS) {
            options.addObject().put("id", o[0]).put("label", o[1]);
        }
        style.put("allow_multiple", false);
        if (!FADE_IN.matcher(text).find() && !FADE_OUT.matcher(text).find()) {
            ObjectNode fades = questions.addObject();
            fades.put("id", "fades");
            fades.put("prompt", "Should the music fade?");
            ArrayNode fadeOptions = fades.putArray("options");
            fadeOptions.addObject().put("id", "fade_in").put("label", "Fade in");
            fadeOptions.addObject().put("id", "fade_out").put("label", "Fade out");
            fades.put("allow_multiple", true);
        }
        String rest = (prompt.substring(0, ask.start()) + prompt.substring(ask.end())).trim()
                .replaceAll("[\\s,;]+$", "");
        return new ChatPlan(List.of(), QUESTION_REPLY, "The user wants to choose the music; ask before editing.",
                args, rest);
    }

    private static ChatPlan plan(String prompt, JsonNode draft) {
        String title = null;
        String rest = prompt;
        Matcher titleMatch = TITLE.matcher(prompt);
        if (titleMatch.find() && !titleMatch.group(1).isBlank()) {
            title = titleMatch.group(1).trim();
            // The quoted words must not trigger other rules ("Best song ever").
            rest = prompt.substring(0, titleMatch.start()) + " title " + prompt.substring(titleMatch.end());
        }
        String text = rest.toLowerCase(Locale.ROOT);

        boolean remove = REMOVE_MUSIC.matcher(text).find();
        boolean add = findsAddMusic(text);
        BigDecimal percent = percent(text);
        boolean volume = !add && percent != null && VOLUME_TARGET.matcher(text).find();
        boolean fadeOut = FADE_OUT.matcher(text).find();
        boolean fadeIn = FADE_IN.matcher(text).find();

        boolean hasAudio = countTracks(draft, AUDIO) > 0;
        List<Op> ops = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean audioAfter = hasAudio;
        if (remove) {
            if (hasAudio) {
                ops.add(removeMusic());
            } else if (!add) {
                notes.add("There's no background music on the timeline to remove.");
            }
            audioAfter = false;
        }
        if (add) {
            String style = style(text);
            ops.add(addMusic(style, percent == null ? DEFAULT_PERCENT : percent));
            audioAfter = true;
        }
        if (volume || fadeIn || fadeOut) {
            if (audioAfter) {
                if (volume) {
                    ops.add(setVolume(percent));
                }
                if (fadeIn || fadeOut) {
                    ops.add(fade(fadeIn, fadeOut));
                }
            } else if (!remove) {
                notes.add("There's no background music on the timeline yet. Ask me to add some first, for example"
                        + " \"add lo-fi music at 35% volume\".");
            }
        }
        if (title != null) {
            ops.add(addTitle(title));
        }

        if (ops.isEmpty()) {
            String reply = notes.isEmpty() ? suggestions() : String.join(" ", notes)
                    + " Open the timeline to see your tracks.";
            return new ChatPlan(ops, reply, "No timeline edit needed for this request; answering with text.");
        }
        StringBuilder reply = new StringBuilder();
        List<String> tools = new ArrayList<>();
        for (Op op : ops) {
            reply.append(op.sentence).append(' ');
            tools.add(op.tool);
        }
        reply.append(GUI_OUTRO);
        String thought = "The user asked for a timeline edit. I'll call " + String.join(", ", tools)
                + " and then tell them what changed.";
        return new ChatPlan(ops, reply.toString(), thought);
    }

    static String suggestions() {
        return "I can add background music (lo-fi, jazz, upbeat, cinematic, trending and more), set its volume,"
                + " fade it in or out, remove it, or add a title. Open the timeline to see your tracks, then tell me"
                + " what to change, for example \"add lo-fi music at 35% volume and fade it out\".";
    }

    // ---------------------------------------------------------------- rules

    private static boolean findsAddMusic(String text) {
        Matcher m = ADD_MUSIC.matcher(text);
        int from = 0;
        while (from < text.length() && m.find(from)) {
            if (!NOT_ADDING.matcher(m.group(1)).find()) {
                return true;
            }
            from = m.start() + 1;
        }
        return false;
    }

    private static String style(String text) {
        String best = explicitStyle(text);
        if (best != null) {
            return best;
        }
        return MOOD.matcher(text).find() ? "Mood Match" : DEFAULT_STYLE;
    }

    /** The style the text names first, or null. */
    private static String explicitStyle(String text) {
        String best = null;
        int bestAt = Integer.MAX_VALUE;
        for (int i = 0; i < STYLE_PATTERNS.size(); i++) {
            Matcher m = STYLE_PATTERNS.get(i).matcher(text);
            if (m.find() && m.start() < bestAt) {
                bestAt = m.start();
                best = STYLES[i][1];
            }
        }
        return best;
    }

    /** The first percentage in the text, capped at 100, or null. */
    private static BigDecimal percent(String text) {
        Matcher m = PERCENT.matcher(text);
        if (!m.find()) {
            return null;
        }
        BigDecimal value = new BigDecimal(m.group(1));
        return value.compareTo(BigDecimal.valueOf(100)) > 0 ? BigDecimal.valueOf(100) : value;
    }

    // ---------------------------------------------------------------- edits

    private static Op removeMusic() {
        return new Op("remove_bgm", Json.object(), draft -> {
            ArrayNode tracks = tracks(draft);
            for (int i = tracks.size() - 1; i >= 0; i--) {
                if (isType(tracks.get(i), AUDIO)) {
                    tracks.remove(i);
                }
            }
        }, "Removed the background music.");
    }

    private static Op addMusic(String style, BigDecimal percent) {
        double volume = fraction(percent);
        ObjectNode args = Json.object();
        args.put("name", style);
        args.put("volume", volume);
        return new Op("add_bgm", args, draft -> {
            long duration = videoDuration(draft);
            ObjectNode track = tracks(draft).addObject();
            track.put("tt", AUDIO);
            ObjectNode segment = track.putArray("sg").addObject();
            segment.put("d", duration);
            ObjectNode meta = segment.putObject("m");
            meta.put("name", style);
            meta.put("volume", volume);
        }, "Added " + style + " background music at " + format(percent) + "% volume.");
    }

    private static Op setVolume(BigDecimal percent) {
        double volume = fraction(percent);
        ObjectNode args = Json.object();
        args.put("volume", volume);
        return new Op("set_bgm_volume", args,
                draft -> forEachAudioMeta(draft, meta -> meta.put("volume", volume)),
                "Set the music volume to " + format(percent) + "%.");
    }

    private static Op fade(boolean in, boolean out) {
        ObjectNode args = Json.object();
        if (in) {
            args.put("fadeIn", FADE_MS);
        }
        if (out) {
            args.put("fadeOut", FADE_MS);
        }
        String sentence = in && out ? "The music now fades in over the first 2 seconds and out over the last 2 seconds."
                : in ? "The music now fades in over the first 2 seconds."
                : "The music now fades out over the last 2 seconds.";
        return new Op("fade_bgm", args, draft -> forEachAudioMeta(draft, meta -> {
            if (in) {
                meta.put("fadeIn", FADE_MS);
            }
            if (out) {
                meta.put("fadeOut", FADE_MS);
            }
        }), sentence);
    }

    private static Op addTitle(String title) {
        ObjectNode args = Json.object();
        args.put("text", title);
        return new Op("add_title", args, draft -> {
            ObjectNode track = tracks(draft).addObject();
            track.put("tt", TEXT);
            ObjectNode segment = track.putArray("sg").addObject();
            segment.put("d", TITLE_MS);
            segment.putObject("m").put("text", title);
        }, "Added the title \"" + title + "\" (0-3s).");
    }

    // ---------------------------------------------------------------- draft helpers

    /** The draft's {@code t} array, created (or replacing a non-array) when needed. */
    private static ArrayNode tracks(ObjectNode draft) {
        JsonNode t = draft.get("t");
        if (t instanceof ArrayNode) {
            return (ArrayNode) t;
        }
        return draft.putArray("t");
    }

    private static boolean isType(JsonNode track, int type) {
        JsonNode tt = track.get("tt");
        return tt != null && (tt.isNumber() || tt.isTextual()) && tt.asInt(-1) == type;
    }

    static int countTracks(JsonNode draft, int type) {
        JsonNode t = draft.path("t");
        int n = 0;
        for (JsonNode track : t) {
            if (isType(track, type)) {
                n++;
            }
        }
        return n;
    }

    /** The longest video track's total duration (sum of its segments), or 10 s without video. */
    private static long videoDuration(JsonNode draft) {
        long longest = 0;
        for (JsonNode track : draft.path("t")) {
            if (isType(track, VIDEO)) {
                long total = 0;
                for (JsonNode segment : track.path("sg")) {
                    total += Math.max(0, segment.path("d").asLong(0));
                }
                longest = Math.max(longest, total);
            }
        }
        return longest > 0 ? longest : DEFAULT_MUSIC_MS;
    }

    private static void forEachAudioMeta(ObjectNode draft, Consumer<ObjectNode> change) {
        for (JsonNode track : tracks(draft)) {
            if (!isType(track, AUDIO)) {
                continue;
            }
            for (JsonNode segment : track.path("sg")) {
                if (!segment.isObject()) {
                    continue;
                }
                JsonNode meta = segment.get("m");
                change.accept(meta instanceof ObjectNode ? (ObjectNode) meta : ((ObjectNode) segment).putObject("m"));
            }
        }
    }

    private static double fraction(BigDecimal percent) {
        return percent.movePointLeft(2).doubleValue();
    }

    private static String format(BigDecimal percent) {
        return percent.stripTrailingZeros().toPlainString();
    }
}
