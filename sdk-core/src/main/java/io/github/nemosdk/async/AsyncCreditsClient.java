package io.github.nemosdk.async;

import io.github.nemosdk.credits.CreditBalance;
import java.util.concurrent.CompletableFuture;

/**
 * {@link io.github.nemosdk.credits.CreditsClient} without a waiting thread. Obtain it from
 * {@code client.async().credits()}.
 */
public interface AsyncCreditsClient {
    /**
     * Reads the credit balance (see {@code CreditsClient#balance()}).
     *
     * @return the balance
     */
    CompletableFuture<CreditBalance> balance();
}
