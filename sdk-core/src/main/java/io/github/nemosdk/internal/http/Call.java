package io.github.nemosdk.internal.http;

import java.util.Objects;
import java.util.function.Function;

/**
 * One API call, checked and built but not sent: the request and how to read its response. The blocking and the
 * asynchronous clients send the same calls ({@link Transport#execute(Call)}, {@link Transport#executeAsync}).
 *
 * @param <T> the result type
 */
public final class Call<T> {
    private final Request request;
    private final Function<Response, T> mapper;

    private Call(Request request, Function<Response, T> mapper) {
        this.request = Objects.requireNonNull(request, "request");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * A call.
     *
     * @param <T>     the result type
     * @param request the request
     * @param mapper  reads the response of a success; must not block
     * @return the call
     */
    public static <T> Call<T> of(Request request, Function<Response, T> mapper) {
        return new Call<>(request, mapper);
    }

    /**
     * The request.
     *
     * @return the request
     */
    public Request request() {
        return request;
    }

    /**
     * Reads the response of a success.
     *
     * @return the mapper
     */
    public Function<Response, T> mapper() {
        return mapper;
    }
}
