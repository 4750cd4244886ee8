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
     * The web app link that opens a session in the browser, with the client's current token. The link is a secret
     * (it carries the token): its {@code toString()} masks the token.
     *
     * @param session a session of this client's user
     * @return the link
     */
    ProjectLink projectLink(Session session);
}
