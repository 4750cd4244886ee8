package io.github.nemosdk.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/** The canned answer behind a {@link io.github.nemosdk.testkit.Fault}. Immutable. */
public final class FaultSpec {

    private final Response response;
    private final String description;

    private FaultSpec(Response response, String description) {
        this.response = response;
        this.description = description;
    }

    /**
     * A gateway error envelope {@code {"code":code,"message":message,"data":null}}.
     *
     * @param httpStatus  HTTP status of the answer
     * @param code        the envelope's {@code code}
     * @param message     the envelope's {@code message}
     * @param headers     extra response headers
     * @param description what {@link #toString()} returns
     * @return the fault
     */
    public static FaultSpec apiError(int httpStatus, int code, String message, Map<String, String> headers,
            String description) {
        Objects.requireNonNull(message, "message");
        return new FaultSpec(Response.json(httpStatus, Json.error(code, message)).withHeaders(Map.copyOf(headers)),
                description);
    }

    /**
     * An HTML error page such as a reverse proxy serves, with {@code Content-Type: text/html}.
     *
     * @param httpStatus  HTTP status of the answer
     * @param description what {@link #toString()} returns
     * @return the fault
     */
    public static FaultSpec htmlPage(int httpStatus, String description) {
        String title = httpStatus + " " + reason(httpStatus);
        String html = "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
        return new FaultSpec(Response.of(httpStatus, "text/html; charset=utf-8",
                html.getBytes(StandardCharsets.UTF_8)), description);
    }

    /**
     * A {@code 200} whose headers announce a longer body than is sent before the connection is
     * closed: the client fails with an I/O error.
     *
     * @param description what {@link #toString()} returns
     * @return the fault
     */
    public static FaultSpec dropConnection(String description) {
        return new FaultSpec(Response.truncated(200, Response.JSON,
                "{\"code\":0,\"mess".getBytes(StandardCharsets.UTF_8)), description);
    }

    Response response() {
        return response;
    }

    @Override
    public String toString() {
        return description;
    }

    private static String reason(int status) {
        switch (status) {
            case 500: return "Internal Server Error";
            case 501: return "Not Implemented";
            case 502: return "Bad Gateway";
            case 503: return "Service Temporarily Unavailable";
            case 504: return "Gateway Time-out";
            default: return "Error";
        }
    }
}
