/**
 * The Nemo video API client: {@link io.github.nemosdk.NemoClient} and its typed sub-clients.
 *
 * <p>Only the API packages are exported; {@code io.github.nemosdk.internal} and its sub-packages are the SDK's own
 * and can change in any release. Jackson's tree model ({@code JsonNode}, in drafts and tool calls) and
 * {@code java.net.http} ({@code HttpClient}, accepted by the builder) appear in the API, so a module that reads this
 * one reads them too. On the module path Failsafe must be 3.3.1 or newer (the first release named
 * {@code dev.failsafe.core}); on the class path any 3.x works.
 *
 * <p>The Immutables annotations on the model types are compile-time only ({@code requires static}); that jar has no
 * module descriptor, hence the suppressed warning about requiring an automatic module. javac's {@code exports} lint
 * is off for this module because it counts those annotations as API; {@code ApiSurfaceTest} checks the API's
 * signatures instead.
 */
@SuppressWarnings("requires-automatic")
module io.github.nemosdk {
    requires transitive java.net.http;
    requires transitive com.fasterxml.jackson.databind;
    requires dev.failsafe.core;
    requires static org.immutables.value.annotations;

    exports io.github.nemosdk;
    exports io.github.nemosdk.async;
    exports io.github.nemosdk.auth;
    exports io.github.nemosdk.chat;
    exports io.github.nemosdk.credits;
    exports io.github.nemosdk.errors;
    exports io.github.nemosdk.render;
    exports io.github.nemosdk.sessions;
    exports io.github.nemosdk.state;
    exports io.github.nemosdk.uploads;
    exports io.github.nemosdk.workflows;
}
