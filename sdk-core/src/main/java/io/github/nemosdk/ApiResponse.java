package io.github.nemosdk;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A call's result with the HTTP exchanges behind it, from {@link NemoClient#withRawResponse}: the status and request
 * id of a success, to log or to quote to support, and every attempt the call made (retries included). Immutable.
 *
 * @param <T> the call's result
 */
public final class ApiResponse<T> {
    private final T value;
    private final List<RequestEvent> exchanges;

    private ApiResponse(T value, List<RequestEvent> exchanges) {
        this.value = value;
        this.exchanges = List.copyOf(exchanges);
    }

    /**
     * Creates a response.
     *
     * @param <T>       the result type
     * @param value     the call's result (may be null for calls that return none)
     * @param exchanges the HTTP attempts the call made, in order
     * @return the response
     */
    public static <T> ApiResponse<T> of(T value, List<RequestEvent> exchanges) {
        return new ApiResponse<>(value, Objects.requireNonNull(exchanges, "exchanges"));
    }

    /**
     * The call's result.
     *
     * @return the result
     */
    public T value() {
        return value;
    }

    /**
     * Every HTTP attempt the call made on the calling thread, in order: one for most calls; more after retries,
     * a token renewal, or for calls made of several requests (a chat send reads the state before and after).
     *
     * @return the attempts, each with endpoint, status, duration, bytes and request id
     */
    public List<RequestEvent> exchanges() {
        return exchanges;
    }

    /**
     * The HTTP status of the last attempt that was answered.
     *
     * @return the status, or empty when no attempt was answered
     */
    public OptionalInt statusCode() {
        for (int i = exchanges.size() - 1; i >= 0; i--) {
            if (exchanges.get(i).status().isPresent()) {
                return exchanges.get(i).status();
            }
        }
        return OptionalInt.empty();
    }

    /**
     * The request id of the last attempt whose answer carried one: what support asks for.
     *
     * @return the id, if the service gave one
     */
    public Optional<String> requestId() {
        for (int i = exchanges.size() - 1; i >= 0; i--) {
            if (exchanges.get(i).requestId().isPresent()) {
                return exchanges.get(i).requestId();
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "ApiResponse{status=" + statusCode() + ", requestId=" + requestId().orElse(null) + ", exchanges="
                + exchanges.size() + ", value=" + value + "}";
    }
}
