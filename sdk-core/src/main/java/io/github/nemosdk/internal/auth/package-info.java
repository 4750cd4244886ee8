/**
 * Who is calling: the auth layer (bearer token, one re-authentication after a rejected token), the client-id layer
 * and store, the anonymous token provider and its owner-only cache. Not API.
 */
package io.github.nemosdk.internal.auth;
