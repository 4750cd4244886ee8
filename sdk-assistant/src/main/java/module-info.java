/**
 * The products' chat assistant on top of the Nemo SDK: {@link io.github.nemosdk.assistant.NemoAssistant} routes what
 * a user says (export, credits, state and uploads straight to the API, everything else to the chat), translates the
 * backend's GUI talk into follow-ups, and keeps its phrase tables as data. Only {@code io.github.nemosdk.assistant}
 * is exported; a module reading this one reads the SDK's core too.
 */
module io.github.nemosdk.assistant {
    requires transitive io.github.nemosdk;

    exports io.github.nemosdk.assistant;
}
