package io.github.nemosdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The emulator speaks the revised API by default (message role, ADK events as a Java ADK server writes them,
 * partial events on request, question turns, crashed turns, claim tokens, the top-level render status) and keeps
 * the older shapes as options. Checked on the wire, with a plain HTTP client.
 */
class RevisedApiTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<NemoEmulator> emulators = new ArrayList<>();
    private NemoEmulator emu;
    private Http http;
    private String token;
    private String sid;

    @AfterEach
    void stop() {
        emulators.forEach(NemoEmulator::close);
    }

    private void start(NemoEmulator.Builder builder) {
        emu = builder.turnDuration(Duration.ZERO).heartbeatInterval(Duration.ofMillis(10)).start();
        emulators.add(emu);
        http = new Http(emu);
        token = http.newToken("revised-client");
        sid = http.newSession(token);
    }

    private HttpResponse<String> chat(String message, boolean role, boolean streaming) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("app_name", "nemo_agent");
        body.put("user_id", "me");
        body.put("session_id", sid);
        ObjectNode m = body.putObject("new_message");
        if (role) {
            m.put("role", "user");
        }
        m.putArray("parts").addObject().put("text", message);
        if (streaming) {
            body.put("streaming", true);
        }
        return http.send("POST", "/run_sse", body.toString(), "Authorization", "Bearer " + token,
                "Accept", "text/event-stream", "Content-Type", "application/json");
    }

    /** The JSON payloads of the {@code data:} lines, skipping keep-alives. */
    private static List<JsonNode> events(String body) {
        List<JsonNode> out = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            for (String line : block.split("\n")) {
                if (line.startsWith("data:") && line.length() > 6) {
                    try {
                        out.add(MAPPER.readTree(line.substring(5)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return out;
    }

    private static List<String> partKinds(JsonNode event) {
        List<String> kinds = new ArrayList<>();
        for (JsonNode p : event.path("content").path("parts")) {
            kinds.add(p.has("functionCall") ? "call:" + p.get("functionCall").get("name").asText()
                    : p.has("functionResponse") ? "response" : p.path("thought").asBoolean() ? "thought" : "text");
        }
        return kinds;
    }

    // ---------------------------------------------------------------- the request

    @Test
    void aMessageWithoutARoleIsRefusedWithADetailUnlessAllowed() {
        start(NemoEmulator.builder());
        HttpResponse<String> refused = chat("add jazz music", false, false);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(Http.json(refused).get("detail").asText()).contains("new_message.role");
        assertThat(emu.draft(sid)).isEqualTo("{\"t\":[]}");

        start(NemoEmulator.builder().requireMessageRole(false));
        assertThat(chat("add jazz music", false, false).statusCode()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- ADK events

    @Test
    void adkEventsAreWrittenAsAJavaAdkServerWritesThem() {
        start(NemoEmulator.builder().chatStyle(ChatStyle.ADK).silentRatio(0.0));
        String body = chat("add lo-fi music at 35%", true, false).body();
        assertThat(body).contains("\ndata:{").doesNotContain("data: {");
        List<JsonNode> events = events(body);
        assertThat(events).noneMatch(e -> e.has("partial")).noneMatch(e -> e.has("turnComplete"));
        assertThat(events.stream().map(RevisedApiTest::partKinds).collect(Collectors.toList())).containsExactly(
                List.of("thought", "call:add_bgm"), List.of("response"), List.of("text"));
        JsonNode call = events.get(0);
        assertThat(call.get("timestamp").isIntegralNumber()).isTrue();
        assertThat(call.get("actions").get("stateDelta").isEmpty()).isTrue();
        assertThat(call.get("finishReason").asText()).isEqualTo("STOP");
        assertThat(call.get("content").get("parts").get(1).has("thoughtSignature")).isTrue();
        JsonNode response = events.get(1);
        assertThat(response.get("content").get("role").asText()).isEqualTo("user");
        assertThat(response.get("content").get("parts").get(0).get("functionResponse").get("id"))
                .isEqualTo(call.get("content").get("parts").get(1).get("functionCall").get("id"));
        assertThat(response.get("actions").get("stateDelta").get("draft").toString()).isEqualTo(emu.draft(sid));
        assertThat(events.get(2).get("content").get("parts").get(0).get("text").asText())
                .startsWith("Added Lo-fi background music at 35% volume.");
    }

    @Test
    void partialEventsComeOnlyWhenTheRequestAsksForThem() {
        start(NemoEmulator.builder().chatStyle(ChatStyle.ADK).silentRatio(0.0));
        List<JsonNode> events = events(chat("hello", true, true).body());
        List<JsonNode> partialText = events.stream().filter(e -> e.path("partial").asBoolean())
                .filter(e -> partKinds(e).equals(List.of("text"))).collect(Collectors.toList());
        assertThat(partialText).hasSizeGreaterThanOrEqualTo(2);
        String joined = partialText.stream().map(e -> e.get("content").get("parts").get(0).get("text").asText())
                .collect(Collectors.joining());
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.has("partial")).isFalse();
        assertThat(partKinds(last)).containsExactly("thought", "text");
        assertThat(last.get("content").get("parts").get(1).get("text").asText()).isEqualTo(joined);
        assertThat(last.get("content").get("parts").get(1).get("thought").asBoolean(true)).isFalse();

        List<JsonNode> plain = events(chat("hello", true, false).body());
        assertThat(plain).hasSize(1).noneMatch(e -> e.has("partial"));
    }

    @Test
    void silentAdkEditsEndWithAContentLessEventOrStopWithoutAMessageInTurn() {
        start(NemoEmulator.builder().chatStyle(ChatStyle.ADK).silentRatio(1.0));
        List<JsonNode> first = events(chat("add jazz music", true, false).body());
        List<JsonNode> second = events(chat("add a title \"Hi\"", true, false).body());
        JsonNode closing = first.get(first.size() - 1);
        assertThat(closing.get("content").get("role").asText()).isEqualTo("model");
        assertThat(closing.get("content").has("parts")).isFalse();
        assertThat(closing.has("errorCode")).isFalse();
        JsonNode stop = second.get(second.size() - 1);
        assertThat(stop.get("errorCode").asText()).isEqualTo("STOP");
        assertThat(stop.has("errorMessage")).isFalse();
        assertThat(stop.has("content")).isFalse();
        assertThat(first).noneMatch(e -> partKinds(e).contains("text"));
        assertThat(emu.draft(sid)).contains("\"Jazz\"").contains("\"Hi\"");
    }

    // ---------------------------------------------------------------- questions

    @Test
    void aPromptAskingToChooseGetsAQuestionAndTheNextMessageAnswersIt() {
        for (ChatStyle style : ChatStyle.values()) {
            start(NemoEmulator.builder().chatStyle(style).silentRatio(0.0));
            String body = chat("add music at 40%, let me choose the style", true, false).body();
            JsonNode args = events(body).stream()
                    .map(e -> e.has("type") ? (e.path("name").asText().equals("ask_question") ? e.get("args") : null)
                            : findCall(e))
                    .filter(a -> a != null).findFirst().orElseThrow(() -> new AssertionError(style + ": " + body));
            JsonNode questions = args.get("questions");
            assertThat(questions).as(style.name()).hasSize(2);
            assertThat(questions.get(0).get("id").asText()).isEqualTo("style");
            assertThat(questions.get(0).get("options").findValuesAsText("label"))
                    .containsExactly("Lo-fi", "Jazz", "Upbeat", "Cinematic", "Trending");
            assertThat(questions.get(0).get("allow_multiple").asBoolean()).isFalse();
            assertThat(questions.get(1).get("allow_multiple").asBoolean()).isTrue();
            assertThat(emu.draft(sid)).as("a question edits nothing").isEqualTo("{\"t\":[]}");
            assertThat(Http.successData(http.credits(token)).get("available").asInt()).isEqualTo(100);

            chat("Jazz, Fade out", true, false);
            assertThat(emu.draft(sid)).as(style.name()).contains("\"name\":\"Jazz\"").contains("\"volume\":0.4")
                    .contains("\"fadeOut\":2000");
        }
    }

    private static JsonNode findCall(JsonNode event) {
        for (JsonNode p : event.path("content").path("parts")) {
            if (p.path("functionCall").path("name").asText().equals("ask_question")) {
                return p.get("functionCall").get("args");
            }
        }
        return null;
    }

    @Test
    void anAnswerRefusedForLackOfCreditsLeavesTheQuestionWaiting() {
        start(NemoEmulator.builder().silentRatio(0.0));
        chat("add music at 40%, let me choose the style", true, false);
        emu.setCredits(token, 0, 0);
        assertThat(Http.json(chat("Jazz", true, false)).get("code").asInt()).isEqualTo(2001);
        emu.setCredits(token, 100, 0);
        chat("Jazz", true, false);
        assertThat(emu.draft(sid)).contains("\"name\":\"Jazz\"").contains("\"volume\":0.4");
    }

    @Test
    void questionsCanBeSwitchedOff() {
        start(NemoEmulator.builder().askQuestions(false).silentRatio(0.0));
        chat("add music, let me choose the style", true, false);
        assertThat(emu.draft(sid)).contains("\"name\":\"Upbeat\"");
    }

    // ---------------------------------------------------------------- a crashed tool

    @Test
    void aCrashedToolCutsTheBodyAfterTheCallsWithoutAnErrorFrame() throws Exception {
        for (ChatStyle style : ChatStyle.values()) {
            start(NemoEmulator.builder().chatStyle(style).silentRatio(0.0));
            emu.inject(Endpoint.CHAT, Fault.chatCrash(), 1);
            HttpRequest request = HttpRequest.newBuilder(emu.baseUrl().resolve("/run_sse"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"session_id\":\"" + sid + "\",\"new_message\":"
                            + "{\"role\":\"user\",\"parts\":[{\"text\":\"add jazz music\"}]}}")).build();
            // a publisher, not ofInputStream(): that one drops the bytes it holds when the connection fails
            HttpResponse<java.util.concurrent.Flow.Publisher<List<java.nio.ByteBuffer>>> response = Http.CLIENT.send(
                    request, HttpResponse.BodyHandlers.ofPublisher());
            assertThat(response.statusCode()).isEqualTo(200);
            StringBuilder received = new StringBuilder();
            java.util.concurrent.CompletableFuture<Throwable> end = new java.util.concurrent.CompletableFuture<>();
            response.body().subscribe(new java.util.concurrent.Flow.Subscriber<List<java.nio.ByteBuffer>>() {
                @Override
                public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                    s.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(List<java.nio.ByteBuffer> item) {
                    for (java.nio.ByteBuffer b : item) {
                        received.append(java.nio.charset.StandardCharsets.UTF_8.decode(b));
                    }
                }

                @Override
                public void onError(Throwable t) {
                    end.complete(t);
                }

                @Override
                public void onComplete() {
                    end.complete(null);
                }
            });
            assertThat(end.get(5, java.util.concurrent.TimeUnit.SECONDS)).as(style.name())
                    .isInstanceOf(IOException.class);
            assertThat(received.toString()).as(style.name()).contains("add_bgm").doesNotContain("\"error\"")
                    .doesNotContain("functionResponse").doesNotContain("tool_result");
            assertThat(emu.draft(sid)).isEqualTo("{\"t\":[]}");
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (Http.successData(http.credits(token)).get("frozen").asInt() != 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(Http.successData(http.credits(token)).get("available").asInt()).isEqualTo(100);
        }
    }

    // ---------------------------------------------------------------- claim tokens and renders

    @Test
    void aClaimTokenOpensTheCallersSessionOnly() {
        start(NemoEmulator.builder());
        HttpResponse<String> created = http.createSession(token, "{\"task_name\":\"p\"}");
        String otherSid = Http.successData(created).get("session_id").asText();
        String taskId = Http.successData(created).get("task_id").asText();
        HttpResponse<String> claim = http.send("POST", "/api/auth/claim-token", "{\"task_id\":\"" + taskId
                + "\",\"session_id\":\"" + otherSid + "\"}", "Authorization", "Bearer " + token,
                "Content-Type", "application/json");
        JsonNode data = Http.successData(claim);
        assertThat(data.get("claim_token").asText()).matches("clm_[0-9a-f]{32}");
        assertThat(data.get("expires_in").asLong()).isEqualTo(604800);
        assertThat(emu.claimedSession(data.get("claim_token").asText())).contains(otherSid);
        assertThat(emu.claimedSession("clm_unknown")).isEmpty();

        String stranger = http.newToken("someone-else");
        HttpResponse<String> refused = http.send("POST", "/api/auth/claim-token", "{\"session_id\":\"" + otherSid
                + "\"}", "Authorization", "Bearer " + stranger, "Content-Type", "application/json");
        assertThat(Http.json(refused).get("code").asInt()).isEqualTo(1002);
        HttpResponse<String> wrongTask = http.send("POST", "/api/auth/claim-token", "{\"task_id\":\"task_x\","
                + "\"session_id\":\"" + otherSid + "\"}", "Authorization", "Bearer " + token,
                "Content-Type", "application/json");
        assertThat(wrongTask.statusCode()).isEqualTo(400);
    }

    private String[] renderHeaders() {
        return new String[] {"Authorization", "Bearer " + token, "Content-Type", "application/json",
            "X-Skill-Source", "add-music", "X-Skill-Version", "1.0.0", "X-Skill-Platform", "unknown"};
    }

    private String renderStart(String id) {
        return "{\"id\":\"" + id + "\",\"sessionId\":\"" + sid + "\",\"draft\":{\"t\":[{\"tt\":0,\"sg\":"
                + "[{\"d\":1000}]}]}}";
    }

    @Test
    void theRenderStatusIsAtTopLevelByDefault() {
        start(NemoEmulator.builder().renderDuration(Duration.ZERO));
        assertThat(http.send("POST", "/api/render/proxy/lambda", renderStart("render_top"), renderHeaders())
                .statusCode()).isEqualTo(200);
        JsonNode status = Http.json(http.send("GET", "/api/render/proxy/lambda/render_top", null,
                "Authorization", "Bearer " + token));
        assertThat(status.get("taskId").asText()).isEqualTo("render_top");
        assertThat(status.get("status").asText()).isEqualTo("completed");
        assertThat(status.has("success")).isFalse();
        assertThat(status.get("output").get("url").asText()).endsWith("/renders/render_top.mp4");
        assertThat(status.get("output").get("size").asLong()).isEqualTo(SampleMedia.horizontalMp4().length);
        assertThat(status.get("output").get("duration").asDouble()).isPositive();
    }

    @Test
    void exportsCanBeRefusedAsForAnonymousTokensWithoutRenderScope() {
        start(NemoEmulator.builder().anonymousExport(false));
        HttpResponse<String> refused = http.send("POST", "/api/render/proxy/lambda", renderStart("render_no"),
                renderHeaders());
        assertThat(refused.statusCode()).isEqualTo(402);
        assertThat(Http.json(refused).get("code").asInt()).isEqualTo(402);
        assertThat(Http.json(refused).get("message").asText()).contains("register");
    }
}
