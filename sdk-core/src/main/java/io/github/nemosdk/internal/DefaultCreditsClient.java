package io.github.nemosdk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nemosdk.credits.CreditBalance;
import io.github.nemosdk.credits.CreditsClient;
import io.github.nemosdk.errors.NemoProtocolException;
import io.github.nemosdk.internal.http.Call;
import io.github.nemosdk.internal.http.Request;
import io.github.nemosdk.internal.http.Response;
import io.github.nemosdk.internal.http.Transport;

/** {@link CreditsClient} over the transport. */
public final class DefaultCreditsClient implements CreditsClient {
    private final Transport transport;

    /**
     * Creates the client.
     *
     * @param transport the transport
     */
    public DefaultCreditsClient(Transport transport) {
        this.transport = transport;
    }

    @Override
    public CreditBalance balance() {
        return transport.execute(balanceCall());
    }

    /**
     * The balance read, for the blocking and the asynchronous client.
     *
     * @return the call
     */
    public static Call<CreditBalance> balanceCall() {
        return BALANCE;
    }

    private static final Call<CreditBalance> BALANCE = Call.of(
            Request.get("credits", "/api/credits/balance/simple").build(), DefaultCreditsClient::parse);

    static CreditBalance parse(Response r) {
        JsonNode d = r.data();
        Long available = Json.number(d, "available");
        if (available == null) {
            throw new NemoProtocolException("The credits response lacks 'available'"
                    + r.requestIdNote() + ".", null);
        }
        Long frozen = Json.number(d, "frozen");
        long f = frozen == null ? 0 : frozen;
        Long total = Json.number(d, "total");
        return CreditBalance.of(available, f, total == null ? available + f : total);
    }
}
