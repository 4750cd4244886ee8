package io.github.nemosdk.internal.http;

import io.github.nemosdk.errors.NemoException;
import io.github.nemosdk.errors.NemoProtocolException;
import io.github.nemosdk.errors.NemoTimeoutException;
import io.github.nemosdk.errors.NemoTransportException;
import io.github.nemosdk.internal.ClientConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;

/**
 * The words of an exchange's failures: which setting to raise, and whether the server may have acted on the request.
 * Server text quoted in them is cleaned of the tokens the client sent.
 */
final class ExchangeFailures {
    private final ClientConfig cfg;
    private final Secrets secrets;
    private final String base;

    ExchangeFailures(ClientConfig cfg, Secrets secrets) {
        this.cfg = cfg;
        this.secrets = secrets;
        this.base = cfg.baseUrl.toString().replaceAll("/+$", "");
    }

    /** The typed exception for a request that failed before its response headers arrived. */
    NemoException sendFailure(IOException e, HttpRequest request, Request call) {
        String what = request.method() + " " + request.uri().getRawPath();
        if (e instanceof HttpConnectTimeoutException) {
            return new NemoTimeoutException("Could not connect to " + base + " within the connect timeout ("
                    + cfg.connectTimeout.toMillis() + " ms). Check the base URL and the network, or raise"
                    + " connectTimeout(...).", e);
        }
        if (e instanceof HttpTimeoutException) {
            long waited = request.timeout().orElse(cfg.requestTimeout).toMillis(); // what this request was given
            return new NemoTimeoutException("No response to " + what + " within " + waited + " ms"
                    + (call.safety().isIdempotent() ? "" : "; the server may still have acted on it") + ". Raise "
                    + call.timeoutSetting() + " if the service is slow.", e);
        }
        if (e instanceof ConnectException) {
            return new NemoTransportException("Could not connect to " + base + " (" + e.getClass().getSimpleName()
                    + "). Check the base URL (NEMO_API_URL) and the network.", e);
        }
        return new NemoTransportException("The connection failed during " + what + " (" + describe(e) + ")"
                + (call.safety().isIdempotent() ? "." : "; the server may have acted on the request, so it was not"
                        + " repeated."), e);
    }

    NemoTimeoutException bodyStalled(Request call, IOException cause, java.time.Duration timeout) {
        return new NemoTimeoutException("The response body of " + call.name() + " stalled for longer than the"
                + " request timeout (" + timeout.toMillis() + " ms).", cause);
    }

    NemoTransportException bodyBroke(Request call, IOException e) {
        return new NemoTransportException("The connection broke while reading the response of " + call.name()
                + " (" + describe(e) + ")" + (call.safety().isIdempotent() ? "." : "; the server may have acted on the"
                        + " request, so it was not repeated."), e);
    }

    NemoProtocolException tooLarge(Request call) {
        return new NemoProtocolException("The response to " + call.name() + " is larger than "
                + cfg.maxResponseBytes + " bytes; refusing to read it into memory.", null);
    }

    private String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + secrets.serverMessage(m));
    }
}
