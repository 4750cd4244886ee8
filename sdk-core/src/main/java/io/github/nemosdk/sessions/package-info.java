/**
 * Sessions: a session holds one project's uploads, chat history and timeline. Create one with
 * {@link io.github.nemosdk.sessions.SessionsClient#create()}.
 */
@ValueStyle
package io.github.nemosdk.sessions;

import io.github.nemosdk.internal.ValueStyle;
