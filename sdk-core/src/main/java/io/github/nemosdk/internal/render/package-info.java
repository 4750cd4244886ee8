/**
 * Rendering: start, poll, cancel and export, and atomic downloads of the result with their deadlines and the check
 * that a file is a whole MP4. Not API.
 */
package io.github.nemosdk.internal.render;
