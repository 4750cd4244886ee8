/**
 * Workflows: the quick edit and batches, with the batch journal that lets a stopped run resume without sending a
 * message twice, and the throttle that slows a whole batch on a rate limit. Not API.
 */
package io.github.nemosdk.internal.workflows;
