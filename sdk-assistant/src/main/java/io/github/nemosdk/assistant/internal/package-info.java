/**
 * The assistant's text handling: phrase search, clause splitting and upload-target extraction. Nothing here is
 * API: it may change in any release without notice.
 */
package io.github.nemosdk.assistant.internal;
