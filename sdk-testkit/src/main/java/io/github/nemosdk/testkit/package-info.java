/**
 * An in-process emulator of the Nemo video API for tests and offline work.
 *
 * <p>{@link io.github.nemosdk.testkit.NemoEmulator} serves the API over HTTP on 127.0.0.1, keeps
 * users, tokens, sessions and drafts in memory, turns chat prompts into draft edits streamed as
 * Server-Sent Events, records every request, and lets a test inject
 * {@link io.github.nemosdk.testkit.Fault faults} into chosen {@link io.github.nemosdk.testkit.Endpoint
 * endpoints}. {@link io.github.nemosdk.testkit.NemoEmulatorExtension} (or
 * {@link io.github.nemosdk.testkit.NemoTest @NemoTest}) runs JUnit 5 test classes against one and injects
 * it, and ready {@code NemoClient}s; {@link io.github.nemosdk.testkit.EmulatorMain} runs one as a
 * standalone server ({@code java -jar nemo-emulator.jar}). Only the types of this package are public
 * API; {@code io.github.nemosdk.testkit.internal} is not.
 */
package io.github.nemosdk.testkit;
