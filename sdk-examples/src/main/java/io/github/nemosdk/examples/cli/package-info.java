/**
 * {@code nemo}, a command-line tool over the SDK: the quick edit ({@code add-music}), an interactive chat, uploads,
 * exports, credits, session state and batches, with progress bars, {@code --json} output and one exit code per
 * error class. Entry point: {@link io.github.nemosdk.examples.cli.NemoCli}. It runs against the embedded emulator
 * unless {@code --api-url} or {@code NEMO_API_URL} is given.
 */
package io.github.nemosdk.examples.cli;
