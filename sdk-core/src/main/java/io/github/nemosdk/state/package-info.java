/**
 * Session state: the timeline ({@link io.github.nemosdk.state.Draft}) and the media of a session, read with
 * {@code client.state(sessionId).latest()}. The draft keeps the JSON exactly as received, so it can be sent back
 * to export unchanged; {@link io.github.nemosdk.state.Track} and {@link io.github.nemosdk.state.Segment} are typed
 * views over it.
 */
package io.github.nemosdk.state;
