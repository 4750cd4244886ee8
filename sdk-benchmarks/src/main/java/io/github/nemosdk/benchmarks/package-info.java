/**
 * Benchmark programs for the SDK. They are compiled by the normal build but only run on demand; see the module's
 * README.md.
 */
package io.github.nemosdk.benchmarks;
