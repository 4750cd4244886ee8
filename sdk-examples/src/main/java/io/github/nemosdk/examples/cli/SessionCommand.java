package io.github.nemosdk.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nemosdk.sessions.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code nemo session}: creates a session and prints its id, for scripts. */
@Command(name = "session", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Create a session and print its id alone on standard output, for scripts:",
            "  SID=$(nemo session)"})
final class SessionCommand extends BaseCommand {
    @Mixin
    ProductOption productOption;

    SessionCommand(NemoCli root) {
        super(root);
    }

    @Override
    public Integer call() {
        try (Connection c = connect(productOption.product)) {
            Session s = c.client().sessions().create();
            ObjectNode json = Output.result("session");
            json.put("session_id", s.sessionId());
            output().result(json, s.sessionId());
            return ExitCodes.OK;
        }
    }
}
