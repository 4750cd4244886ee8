package io.github.nemosdk.testkit;

import io.github.nemosdk.NemoClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.Map;

/**
 * A second program sharing a config directory, for {@link SharedConfigDirectoryTest}: started with the API's base
 * URL and the directory, it prints {@code ready}, then for every {@code go} line on standard input reads the credits
 * and prints {@code ok <client id>} (or {@code error <message>}), until {@code quit} or the end of input.
 */
public final class SharedConfigChild {
    private SharedConfigChild() {
    }

    /**
     * Runs the child.
     *
     * @param args the base URL and the config directory
     * @throws Exception if standard input fails
     */
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (NemoClient client = NemoClient.builder().baseUrl(URI.create(args[0])).environment(Map.of())
                .configDirectory(Paths.get(args[1])).build()) {
            System.out.println("ready");
            System.out.flush();
            String line;
            while ((line = in.readLine()) != null && !line.equals("quit")) {
                try {
                    client.credits().balance();
                    System.out.println("ok " + client.auth().clientId());
                } catch (RuntimeException e) {
                    System.out.println("error " + e);
                }
                System.out.flush();
            }
        }
    }
}
