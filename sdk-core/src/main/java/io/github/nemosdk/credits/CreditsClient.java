package io.github.nemosdk.credits;

/**
 * Reads the account's credit balance. Obtain it from {@code client.credits()}. Thread-safe.
 */
public interface CreditsClient {
    /**
     * Reads the current balance.
     *
     * @return available, frozen and total credits
     * @throws io.github.nemosdk.errors.NemoException if the call fails
     */
    CreditBalance balance();
}
