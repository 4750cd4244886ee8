/**
 * An in-process emulator of the Nemo video API for tests and offline work.
 *
 * <p>{@link io.github.nemosdk.testkit.NemoEmulator} serves the API over HTTP on 127.0.0.1, keeps
 * users, tokens, sessions and drafts in memory, turns chat prompts into draft edits streamed as
 * Server-Sent Events, records every request, and lets a test inject
 * {@link io.github.nemosdk.testkit.Fault faults} into chosen {@link io.github.nemosdk.testkit.Endpoint
 * endpoints}. Only the types of this package are public API; {@code io.github.nemosdk.testkit.internal}
 * is not.
 */
package io.github.nemosdk.testkit;
