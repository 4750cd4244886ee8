package io.github.nemosdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nemosdk.testkit.NemoEmulator;
import io.github.nemosdk.testkit.SampleMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks every command {@code nemo} has with {@code --json}: its success prints only JSON objects on standard output
 * (each naming its command, and documented in README-cli.md), and its failures, whether a command-line mistake or
 * an error from the service, print one error object there. A command added without a case here fails the walk.
 */
class EveryCommandAsJsonTest {
    private static final String UNKNOWN_SESSION = "999999";
    private static final String README = readme();
    private static NemoEmulator emulator;

    @TempDir
    static Path config;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        emulator = NemoEmulator.start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static Cli.Result nemo(String stdin, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "--api-url";
        all[1] = emulator.baseUrl().toString();
        System.arraycopy(args, 0, all, 2, args.length);
        all[all.length - 1] = "--json";
        return Cli.with(Map.of("NEMO_CONFIG_DIR", config.toString())).stdin(stdin).run(all);
    }

    /** The names of every command the tool has, read from its help rather than listed here. */
    private static TreeSet<String> commands() {
        String help = Cli.with(Map.of()).run("--help").exits(0).out;
        String list = help.substring(help.indexOf("Commands:"), help.indexOf("Exit codes:"));
        TreeSet<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^  ([a-z][a-z-]*)  ").matcher(list);
        while (m.find()) {
            names.add(m.group(1));
        }
        assertThat(names).as("commands in the help").hasSizeGreaterThan(5);
        return names;
    }

    @Test
    void everyCommandPrintsOnlyJsonObjectsNamingTheCommand() throws Exception {
        Path clip = SampleMedia.writeHorizontalMp4(dir.resolve("clip.mp4"));
        Path clips = Files.createDirectories(dir.resolve("clips"));
        Files.copy(clip, clips.resolve("a.mp4"));
        String sid = nemo("", "session").exits(0).json().get("session_id").asText();
        // in this order: the session gets a clip and an edit before it is read and exported
        String[][] cases = {
            {"session"},
            {"upload", "--session", sid, clip.toString()},
            {"chat", "--session", sid},
            {"state", "--session", sid},
            {"export", "--session", sid, "--out", dir.resolve("export.mp4").toString()},
            {"add-music", clip.toString(), "--prompt", "add lo-fi music", "--out", dir.resolve("quick.mp4").toString()},
            {"credits"},
            {"batch", clips.toString(), "--prompt", "add jazz music at 20%", "--out-dir",
                dir.resolve("batch").toString()},
            {"sample", "--out", dir.resolve("sample.mp4").toString()},
            {"emulator", "--stop-after", "1"},
        };
        Map<String, String[]> successes = new LinkedHashMap<>();
        for (String[] c : cases) {
            successes.put(c[0], c);
        }
        assertThat(new TreeSet<>(successes.keySet())).as("commands with a --json case").isEqualTo(commands());

        for (Map.Entry<String, String[]> c : successes.entrySet()) {
            String name = c.getKey();
            String stdin = name.equals("chat") ? "add lo-fi music at 35%\nstatus\n" : "";
            List<JsonNode> objects = nemo(stdin, c.getValue()).exits(0).jsonLines();
            assertThat(objects).as("JSON objects printed by %s", name).isNotEmpty();
            for (JsonNode o : objects) {
                assertThat(o.isObject()).as("%s prints objects", name).isTrue();
                assertThat(o.path("command").asText()).as("\"command\" of %s", name).isEqualTo(name);
                if (name.equals("chat")) {
                    assertThat(o.path("type").asText()).as("chat object type").isIn("session", "turn", "state");
                    assertThat(o.path("session_id").asText()).isEqualTo(sid);
                }
            }
            String documented = readmeSection("### " + name);
            for (JsonNode o : objects) {
                o.fieldNames().forEachRemaining(field -> assertThat(documented)
                        .as("README-cli.md documents the JSON field %s of %s", field, name).contains(field));
            }
            if (name.equals("chat")) {
                assertThat(objects).extracting(o -> o.get("type").asText()).containsExactly("session", "turn",
                        "state");
            } else {
                assertThat(objects).as("objects printed by %s", name).hasSize(1);
            }
        }
    }

    @Test
    void theReferenceDocumentsEveryCommandAndEachOfItsOptions() {
        String global = readmeSection("## GLOBAL OPTIONS");
        Pattern option = Pattern.compile("(?<![\\w-])--[a-z][a-z-]*");
        for (String name : commands()) {
            String section = readmeSection("### " + name);
            Matcher m = option.matcher(Cli.with(Map.of()).run(name, "--help").exits(0).out);
            while (m.find()) {
                assertThat(section + global).as("README-cli.md documents %s of %s", m.group(), name)
                        .contains(m.group());
            }
        }
    }

    private static String readme() {
        try {
            return Files.readString(Path.of("README-cli.md"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The text of README-cli.md from a heading to the next heading of the same or a higher level. */
    private static String readmeSection(String heading) {
        int start = README.indexOf("\n" + heading + "\n");
        assertThat(start).as("README-cli.md has the section %s", heading).isNotNegative();
        String level = heading.substring(0, heading.indexOf(' ') + 1);
        Matcher next = Pattern.compile("\n#{1," + (level.length() - 1) + "} ").matcher(README);
        int end = next.find(start + heading.length() + 1) ? next.start() : README.length();
        return README.substring(start, end);
    }

    @Test
    void everyCommandReportsAMistypedOptionAsOneJsonErrorObject() {
        for (String name : commands()) {
            Cli.Result r = nemo("", name, "--no-such-option").exits(ExitCodes.USAGE);
            JsonNode error = r.json().get("error");
            assertThat(error).as("error object of %s", name).isNotNull();
            assertThat(error.get("type").asText()).isEqualTo("UsageError");
            assertThat(error.get("exit_code").asInt()).isEqualTo(ExitCodes.USAGE);
            assertThat(error.get("message").asText()).contains("--no-such-option");
            assertThat(r.err).as("the message is on standard error too").contains("--no-such-option");
        }
    }

    @Test
    void commandsOnAMissingSessionReportItAsOneJsonErrorObject() {
        Path out = dir.resolve("never.mp4");
        Map<String, String[]> onMissingSession = Map.of(
                "chat", new String[] {"chat", "--session", UNKNOWN_SESSION},
                "upload", new String[] {"upload", "--session", UNKNOWN_SESSION,
                    SampleMedia.writeHorizontalMp4(dir.resolve("clip.mp4")).toString()},
                "export", new String[] {"export", "--session", UNKNOWN_SESSION, "--out", out.toString()},
                "state", new String[] {"state", "--session", UNKNOWN_SESSION});
        for (Map.Entry<String, String[]> c : onMissingSession.entrySet()) {
            Cli.Result r = nemo("add music\n", c.getValue()).exits(ExitCodes.SESSION_NOT_FOUND);
            List<JsonNode> objects = r.jsonLines();
            JsonNode error = objects.get(objects.size() - 1).get("error");
            assertThat(error).as("error object of %s: %s", c.getKey(), r.out).isNotNull();
            assertThat(error.get("type").asText()).isEqualTo("SessionNotFoundException");
            assertThat(error.get("exit_code").asInt()).isEqualTo(ExitCodes.SESSION_NOT_FOUND);
            assertThat(error.get("session_id").asText()).isEqualTo(UNKNOWN_SESSION);
        }
        assertThat(out).as("nothing written by a failed export").doesNotExist();
    }
}
