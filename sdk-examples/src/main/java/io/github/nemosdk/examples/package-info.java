/**
 * Runnable examples. Each runs against the embedded emulator unless {@code NEMO_API_URL} is set.
 */
package io.github.nemosdk.examples;
