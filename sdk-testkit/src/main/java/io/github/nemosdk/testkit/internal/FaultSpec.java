package io.github.nemosdk.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The answer behind a {@link io.github.nemosdk.testkit.Fault}: either a canned response given
 * instead of serving the request, or (for chat faults) a disturbance of an accepted chat stream.
 * Immutable.
 */
public final class FaultSpec {

    private final Response response;
    private final ChatFault chatFault;
    private final String description;

    private FaultSpec(Response response, String description) {
        this.response = response;
        this.chatFault = null;
        this.description = description;
    }

    private FaultSpec(ChatFault chatFault, String description) {
        this.response = null;
        this.chatFault = chatFault;
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

    /**
     * Chat stream: heartbeats, then a last frame {@code {"error":message,"error_details":{"error_type":"AGENT_ERROR",…}}}.
     *
     * @param message     the frame's {@code error}
     * @param description what {@link #toString()} returns
     * @return the fault
     */
    public static FaultSpec chatErrorFrame(String message, String description) {
        return new FaultSpec(ChatFault.errorFrame(message), description);
    }

    /**
     * Chat stream: heartbeats, the edit if {@code afterEdit}, then an abrupt disconnect.
     *
     * @param afterEdit   whether the turn's edit (and its charge) is applied before the cut
     * @param description what {@link #toString()} returns
     * @return the fault
     */
    public static FaultSpec chatDisconnect(boolean afterEdit, String description) {
        return new FaultSpec(ChatFault.disconnect(afterEdit), description);
    }

    /**
     * Chat stream: heartbeats, the tool calls, then the body cut off without an error frame.
     *
     * @param description how the fault describes itself
     * @return the spec
     */
    public static FaultSpec chatCrash(String description) {
        return new FaultSpec(ChatFault.crash(), description);
    }

    /**
     * Chat stream: headers and one heartbeat, nothing for {@code stall}, then a clean close.
     *
     * @param stall       how long to stay silent
     * @param description what {@link #toString()} returns
     * @return the fault
     */
    public static FaultSpec chatStall(Duration stall, String description) {
        return new FaultSpec(ChatFault.stall(stall), description);
    }

    /**
     * Whether this fault only makes sense for the chat endpoint (it disturbs a stream).
     *
     * @return true for chat stream faults
     */
    public boolean chatOnly() {
        return chatFault != null;
    }

    /** The canned answer, or null for a chat stream fault. */
    Response response() {
        return response;
    }

    /** The stream disturbance, or null for a canned answer. */
    ChatFault chatFault() {
        return chatFault;
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
