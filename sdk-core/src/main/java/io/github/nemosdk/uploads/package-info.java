/**
 * Uploads: clips, images and audio sent to a session, from files, streams or URLs. Files are checked before any
 * byte is sent (format, content, size) and streamed from disk, so memory does not grow with file size.
 */
@ValueStyle
package io.github.nemosdk.uploads;

import io.github.nemosdk.internal.ValueStyle;
