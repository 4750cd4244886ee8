/**
 * The Nemo video API client. Start with {@link io.github.nemosdk.NemoClient#builder()} or
 * {@link io.github.nemosdk.NemoClient#fromEnv()}; the sub-clients live in the packages named after them
 * ({@code auth}, {@code sessions}, {@code credits}, {@code state}); failures are the unchecked exceptions of
 * {@code io.github.nemosdk.errors}.
 */
package io.github.nemosdk;
