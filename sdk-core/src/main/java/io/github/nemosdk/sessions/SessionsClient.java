package io.github.nemosdk.sessions;

/**
 * Creates sessions. Obtain it from {@code client.sessions()}. Thread-safe.
 */
public interface SessionsClient {
    /**
     * Creates a session named {@code project} in the client's language.
     *
     * @return the new session
     * @throws io.github.nemosdk.errors.NemoException if the call fails
     */
    Session create();

    /**
     * Creates a session.
     *
     * @param taskName the project name shown in the web app, e.g. {@code project}
     * @param language the ISO language code of the assistant's replies, e.g. {@code en}, {@code zh-CN}, {@code ja}
     * @return the new session
     * @throws IllegalArgumentException if the task name is blank or the language is not a language tag
     * @throws io.github.nemosdk.errors.NemoException if the call fails
     */
    Session create(String taskName, String language);

    /**
     * The web app link that opens a session's project in the browser. Asks the service for a claim token
     * ({@code POST /api/auth/claim-token}: a token that only opens this project, valid 7 days, with no API access)
     * and builds {@code <web>/workspace/claim?ct=<claim token>}; the bearer token is never put in the link. The
     * web app is {@code webUrl(...)} / {@code NEMO_WEB_URL}, by default {@code https://nemovideo.com}.
     *
     * @param session a session of this client's user
     * @return the link; its {@code toString()} masks the claim token
     * @throws io.github.nemosdk.errors.NemoException if the claim token cannot be had
     */
    ProjectLink projectLink(Session session);
}
