/**
 * The transport as a stack of small layers ({@link io.github.nemosdk.internal.http.Handler}): the HTTP exchange
 * and decoding at the bottom ({@link io.github.nemosdk.internal.http.HttpLayer}), then logging and the retry
 * policy; features add their own layers above (auth, client id, session recreation). Requests are described by
 * small immutable types ({@link io.github.nemosdk.internal.http.Request}). Not API.
 */
package io.github.nemosdk.internal.http;
