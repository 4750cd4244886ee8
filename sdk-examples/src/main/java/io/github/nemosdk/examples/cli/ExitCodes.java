package io.github.nemosdk.examples.cli;

import io.github.nemosdk.errors.ChatRecoveryFailedException;
import io.github.nemosdk.errors.ChatStreamException;
import io.github.nemosdk.errors.DownloadFailedException;
import io.github.nemosdk.errors.DraftNotReadyException;
import io.github.nemosdk.errors.EditNotAppliedException;
import io.github.nemosdk.errors.ExportBlockedException;
import io.github.nemosdk.errors.FileTooLargeException;
import io.github.nemosdk.errors.InsufficientCreditsException;
import io.github.nemosdk.errors.InvalidUploadException;
import io.github.nemosdk.errors.MissingClientIdException;
import io.github.nemosdk.errors.NemoApiException;
import io.github.nemosdk.errors.NemoProtocolException;
import io.github.nemosdk.errors.NemoTimeoutException;
import io.github.nemosdk.errors.NemoTransportException;
import io.github.nemosdk.errors.RateLimitedException;
import io.github.nemosdk.errors.RenderFailedException;
import io.github.nemosdk.errors.RenderTimeoutException;
import io.github.nemosdk.errors.SessionNotFoundException;
import io.github.nemosdk.errors.TokenExpiredException;
import io.github.nemosdk.errors.UnsupportedFileTypeException;
import picocli.CommandLine;

/**
 * The exit codes of the {@code nemo} tool, one per class of error, so scripts can react without parsing messages.
 * The same table is printed at the end of every {@code --help} and in {@code README-cli.md}.
 */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** Any error not listed below. */
    public static final int OTHER = 1;
    /** Wrong command line: unknown option, missing argument, bad value (picocli's usage code). */
    public static final int USAGE = CommandLine.ExitCode.USAGE;
    /** Invalid input: a file refused before upload or by the service, a bad value, an empty timeline, an edit that changed nothing. */
    public static final int INVALID_INPUT = 3;
    /** Authentication: the token was rejected or expired, or the client id was refused. */
    public static final int AUTH = 4;
    /** Credits or plan: out of credits (2001), or exports blocked by the plan (402). */
    public static final int CREDITS = 5;
    /** Rate limited (429) beyond the retries allowed. */
    public static final int RATE_LIMITED = 6;
    /** The session does not exist (1002). */
    public static final int SESSION_NOT_FOUND = 7;
    /** A render failed or timed out, or its MP4 could not be downloaded. */
    public static final int RENDER_FAILED = 8;
    /** Network or timeout: connection refused or cut, no answer in time, a chat stream that broke or stalled. */
    public static final int NETWORK = 9;
    /** The service failed: 5xx, another API error code, or an answer that is not the API's JSON. */
    public static final int SERVER = 10;

    /** The table as shown in {@code --help}: "code:meaning" lines, as picocli's exit code list expects. */
    static final String[] HELP_LIST = {
        "  0:ok",
        "  1:any other error",
        "  2:usage error (bad option or argument)",
        "  3:invalid input (file refused, bad value, empty timeline, edit not applied)",
        "  4:authentication (token rejected or expired, client id refused)",
        "  5:credits or plan (out of credits, export blocked)",
        "  6:rate limited",
        "  7:session not found",
        "  8:render or download failed",
        "  9:network or timeout (also chat streams that broke or stalled)",
        " 10:server error (5xx, other API errors, malformed answers)",
        "130:stopped by Ctrl-C (a running render is cancelled first)",
        "143:stopped by a kill (SIGTERM), likewise",
    };

    private ExitCodes() {
    }

    /**
     * The exit code for an error.
     *
     * @param e the error
     * @return its code, {@link #OTHER} for anything unknown
     */
    public static int of(Throwable e) {
        if (e instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        if (e instanceof InvalidUploadException || e instanceof UnsupportedFileTypeException
                || e instanceof FileTooLargeException || e instanceof IllegalArgumentException
                || e instanceof DraftNotReadyException || e instanceof EditNotAppliedException) {
            return INVALID_INPUT;
        }
        if (e instanceof TokenExpiredException || e instanceof MissingClientIdException) {
            return AUTH;
        }
        if (e instanceof InsufficientCreditsException || e instanceof ExportBlockedException) {
            return CREDITS;
        }
        if (e instanceof RateLimitedException) {
            return RATE_LIMITED;
        }
        if (e instanceof SessionNotFoundException) {
            return SESSION_NOT_FOUND;
        }
        if (e instanceof RenderFailedException || e instanceof RenderTimeoutException
                || e instanceof DownloadFailedException) {
            return RENDER_FAILED;
        }
        if (e instanceof NemoTransportException || e instanceof NemoTimeoutException
                || e instanceof ChatRecoveryFailedException) {
            return NETWORK;
        }
        if (e instanceof NemoApiException || e instanceof NemoProtocolException || e instanceof ChatStreamException) {
            return SERVER;
        }
        return OTHER;
    }
}
