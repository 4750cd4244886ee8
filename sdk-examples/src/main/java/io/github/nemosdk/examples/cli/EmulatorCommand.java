package io.github.nemosdk.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nemosdk.testkit.NemoEmulator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nemo emulator}: runs the emulator on its own, so that several commands ({@code chat}, {@code upload},
 * {@code export}, {@code state}) can share its sessions through {@code --api-url}.
 */
@Command(name = "emulator", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the Nemo emulator until stopped (Ctrl-C), for commands that share sessions.",
            "It keeps everything in memory and renders the sample clip. For example:",
            "  nemo emulator --port 8099 &",
            "  nemo --api-url http://127.0.0.1:8099 chat"})
final class EmulatorCommand extends BaseCommand {
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
            description = "The loopback port (default: a free one).")
    int port;

    @Option(names = "--stop-after", paramLabel = "SECONDS",
            description = "Stop after this many seconds (default: run until stopped).")
    Double stopAfter;

    EmulatorCommand(NemoCli root) {
        super(root);
    }

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw usage("--port must be between 0 and 65535, got " + port);
        }
        if (stopAfter != null && !(stopAfter >= 0)) {
            throw usage("--stop-after must be zero or more seconds");
        }
        Output o = output();
        CountDownLatch stopped = new CountDownLatch(1);
        try (NemoEmulator emulator = NemoEmulator.builder().port(port).start()) {
            o.info("Nemo emulator listening at " + emulator.baseUrl() + "; use --api-url " + emulator.baseUrl()
                    + (stopAfter == null ? ". Ctrl-C stops it." : "."));
            ObjectNode json = Output.result("emulator");
            json.put("api_url", emulator.baseUrl().toString());
            o.result(json, emulator.baseUrl().toString());
            if (stopAfter == null) {
                stopped.await();
            } else {
                stopped.await(Math.round(stopAfter * 1000), TimeUnit.MILLISECONDS);
            }
        }
        return ExitCodes.OK;
    }
}
