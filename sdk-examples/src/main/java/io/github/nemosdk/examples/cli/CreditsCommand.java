package io.github.nemosdk.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nemosdk.Product;
import io.github.nemosdk.credits.CreditBalance;
import picocli.CommandLine.Command;

/** {@code nemo credits}: the credit balance. */
@Command(name = "credits", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Show the credit balance: available, reserved by running edits, total.")
final class CreditsCommand extends BaseCommand {
    CreditsCommand(NemoCli root) {
        super(root);
    }

    @Override
    public Integer call() {
        try (Connection c = connect(Product.ADD_MUSIC)) {
            CreditBalance b = c.client().credits().balance();
            ObjectNode json = Output.result("credits");
            json.put("available", b.available());
            json.put("frozen", b.frozen());
            json.put("total", b.total());
            output().result(json, "Credits: " + b.available() + " available, " + b.frozen() + " reserved, "
                    + b.total() + " total");
            return ExitCodes.OK;
        }
    }
}
