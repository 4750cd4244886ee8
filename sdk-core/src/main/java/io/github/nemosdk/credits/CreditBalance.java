package io.github.nemosdk.credits;

import org.immutables.value.Value;

/**
 * The account's credits: what can be spent now, what running work has reserved, and their sum. Immutable.
 */
@Value.Immutable
public abstract class CreditBalance {
    CreditBalance() {
    }

    /**
     * Credits that can be spent now.
     *
     * @return available credits
     */
    public abstract long available();

    /**
     * Credits reserved by work still running.
     *
     * @return frozen credits
     */
    public abstract long frozen();

    /**
     * Available plus frozen.
     *
     * @return total credits
     */
    public abstract long total();

    /**
     * Creates a balance, e.g. for tests.
     *
     * @param available credits that can be spent now
     * @param frozen    credits reserved by running work
     * @param total     their sum as the server reports it
     * @return the balance
     */
    public static CreditBalance of(long available, long frozen, long total) {
        return ImmutableCreditBalance.of(available, frozen, total);
    }
}
