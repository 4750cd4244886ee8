package io.github.nemosdk.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.nemosdk.NemoClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;

/**
 * The child JVM of the cold-start benchmark: makes one credits call, with the SDK or raw, and prints
 * {@code DONE <epoch micros>} at once after it succeeded.
 *
 * <p>Arguments: {@code sdk|raw <base url> <token>}.
 */
public final class ColdStartProbe {
    private ColdStartProbe() {
    }

    /**
     * Makes the call.
     *
     * @param args variant, base URL, token
     * @throws Exception when the call fails
     */
    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[1]);
        String token = args[2];
        long available;
        if (args[0].equals("sdk")) {
            try (NemoClient client = NemoClient.builder().baseUrl(base).token(token).environment(Map.of())
                    .configDirectory(Files.createTempDirectory("nemo-cold")).build()) {
                available = client.credits().balance().available();
            }
        } else {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(base.resolve(LoopbackApi.CREDITS_PATH))
                    .header("Accept", "application/json").header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            JsonNode root = new ObjectMapper().readTree(r.body());
            if (r.statusCode() != 200 || root.path("code").asInt(-1) != 0) {
                throw new IllegalStateException("answered " + r.statusCode());
            }
            available = root.get("data").get("available").asLong();
        }
        Instant now = Instant.now();
        System.out.println("DONE " + (now.getEpochSecond() * 1_000_000L + now.getNano() / 1000) + " " + available);
    }
}
