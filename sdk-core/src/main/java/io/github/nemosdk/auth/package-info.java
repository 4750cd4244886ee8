/**
 * Authentication: where the bearer token comes from ({@link io.github.nemosdk.auth.TokenProvider}) and anonymous
 * starter tokens ({@link io.github.nemosdk.auth.AuthClient#anonymousToken()}).
 */
@ValueStyle
package io.github.nemosdk.auth;

import io.github.nemosdk.internal.ValueStyle;
