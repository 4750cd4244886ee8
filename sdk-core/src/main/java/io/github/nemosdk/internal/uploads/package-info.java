/**
 * Uploads: the pre-checks of a file (format, content, size), the streamed multipart body with progress, and what was
 * uploaded to which session. Not API.
 */
package io.github.nemosdk.internal.uploads;
