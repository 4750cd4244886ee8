package io.github.nemosdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK as a named module, used the way a modular application uses it: a small program whose
 * {@code module-info} says only {@code requires io.github.nemosdk}, compiled and run with plain
 * {@code --module-path} (no {@code --add-modules}, no {@code --add-opens}) in a JVM of its own. It calls a local
 * server that fails once with 503 (so the retry policies run) and then answers, and reads a draft (Jackson's tree).
 * A second program that imports an internal package must not compile.
 */
class ModulePathTest {
    private static final String SERVER = String.join("\n",
            "package app;",
            "import com.sun.net.httpserver.HttpServer;",
            "import java.net.InetSocketAddress;",
            "import java.nio.charset.StandardCharsets;",
            "import java.util.concurrent.atomic.AtomicInteger;",
            "final class Server {",
            "  static HttpServer start() throws Exception {",
            "    HttpServer s = HttpServer.create(new InetSocketAddress(\"127.0.0.1\", 0), 0);",
            "    AtomicInteger credits = new AtomicInteger();",
            "    s.createContext(\"/api/credits/balance/simple\", x -> {",
            "      boolean fail = credits.getAndIncrement() == 0;",
            "      answer(x, fail ? 503 : 200, fail ? \"{}\"",
            "          : \"{\\\"code\\\":0,\\\"data\\\":{\\\"available\\\":42,\\\"frozen\\\":0,\\\"total\\\":42}}\");",
            "    });",
            "    s.createContext(\"/api/state/\", x -> answer(x, 200, \"{\\\"code\\\":0,\\\"data\\\":{\\\"state\\\":"
                    + "{\\\"draft\\\":{\\\"t\\\":[{\\\"tt\\\":0,\\\"sg\\\":[{\\\"d\\\":2000}]}]}}}}\"));",
            "    s.start();",
            "    return s;",
            "  }",
            "  static void answer(com.sun.net.httpserver.HttpExchange x, int status, String body)",
            "      throws java.io.IOException {",
            "    byte[] b = body.getBytes(StandardCharsets.UTF_8);",
            "    x.getResponseHeaders().set(\"Content-Type\", \"application/json\");",
            "    x.sendResponseHeaders(status, b.length);",
            "    x.getResponseBody().write(b);",
            "    x.close();",
            "  }",
            "}");

    private static final String MAIN = String.join("\n",
            "package app;",
            "import io.github.nemosdk.NemoClient;",
            "import java.net.URI;",
            "import java.time.Duration;",
            "public final class Main {",
            "  public static void main(String[] args) throws Exception {",
            "    com.sun.net.httpserver.HttpServer server = Server.start();",
            "    try (NemoClient client = NemoClient.builder()",
            "        .baseUrl(URI.create(\"http://127.0.0.1:\" + server.getAddress().getPort()))",
            "        .environment(java.util.Map.of()).token(\"nmv_usr_module_path\").sleeper(d -> { }).build()) {",
            "      System.out.println(\"module \" + NemoClient.class.getModule().getName());",
            "      System.out.println(\"credits \" + client.credits().balance().available());",
            "      System.out.println(client.state(\"1234567890123\").latest().draft().summary());",
            "    } finally {",
            "      server.stop(0);",
            "    }",
            "  }",
            "}");

    @TempDir
    static Path work;

    private static String modulePath;

    @BeforeAll
    static void findTheModules() {
        // the SDK's compiled module (target/classes holds module-info.class) and the jars it requires
        Path sdk = Paths.get("target", "classes").toAbsolutePath();
        assertThat(sdk.resolve("module-info.class")).exists();
        List<String> entries = new ArrayList<>();
        entries.add(sdk.toString());
        String path = System.getProperty("java.class.path", "") + File.pathSeparator
                + System.getProperty("jdk.module.path", "");
        for (String e : path.split(File.pathSeparator)) {
            String name = Paths.get(e).getFileName() == null ? "" : Paths.get(e).getFileName().toString();
            if (name.matches("(jackson-(databind|core|annotations)|failsafe)-[0-9].*\\.jar")) {
                entries.add(e);
            }
        }
        assertThat(entries).as("the SDK and its four runtime jars").hasSize(5);
        Assumptions.assumeTrue(ModuleFinder.of(entries.stream().map(Paths::get).toArray(Path[]::new))
                .find("dev.failsafe.core").isPresent(), "the Failsafe on the class path has no module"
                + " dev.failsafe.core (before 3.3.1): supported on the class path only");
        modulePath = String.join(File.pathSeparator, entries);
    }

    @Test
    void aModularAppThatRequiresTheSdkRunsWithPlainModulePath() throws Exception {
        Path src = work.resolve("ok");
        write(src.resolve("module-info.java"), "module app { requires io.github.nemosdk; requires jdk.httpserver; }");
        write(src.resolve("app/Server.java"), SERVER);
        write(src.resolve("app/Main.java"), MAIN);
        Path out = work.resolve("ok-classes");
        Compilation c = compile(src, out);
        assertThat(c.exitCode).as("javac output:%n%s", c.output).isZero();

        Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", modulePath + File.pathSeparator + out, "-m", "app/app.Main")
                .redirectErrorStream(true).start();
        String printed;
        try (InputStream in = p.getInputStream()) {
            printed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("exit code; output:%n%s", printed).isZero();
        assertThat(printed.lines().collect(Collectors.toList())).containsExactly("module io.github.nemosdk",
                "credits 42", "Timeline (1 track): 1. Video: clip (0-2s)");
    }

    @Test
    void theInternalPackagesAreNotReadableFromOtherModules() throws IOException {
        Path src = work.resolve("internal");
        write(src.resolve("module-info.java"), "module peek { requires io.github.nemosdk; }");
        write(src.resolve("peek/Peek.java"), "package peek;\n"
                + "public final class Peek { Object t = io.github.nemosdk.internal.Json.mapper(); }");
        Compilation c = compile(src, work.resolve("internal-classes"));
        assertThat(c.exitCode).isNotZero();
        assertThat(c.output).contains("package io.github.nemosdk.internal is not visible");
    }

    private static Compilation compile(Path src, Path out) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(Arrays.asList("--release", "11", "--module-path", modulePath,
                "-d", out.toString()));
        try (java.util.stream.Stream<Path> files = Files.walk(src)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int code = javac.run(null, output, output, args.toArray(new String[0]));
        return new Compilation(code, output.toString(StandardCharsets.UTF_8));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    private static final class Compilation {
        final int exitCode;
        final String output;

        Compilation(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }
    }
}
