package io.github.nemosdk.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a JUnit 5 test class against a {@link NemoEmulator}: registers {@link NemoEmulatorExtension},
 * which starts one emulator for the class with the settings given here, resets it before every test,
 * and injects {@link NemoEmulator} and {@code NemoClient} parameters.
 *
 * <pre>{@code
 * @NemoTest(silentRatio = 0.0, chatStyle = ChatStyle.ADK, product = "tiktok-add-music")
 * class MusicTest {
 *     @Test
 *     void addsMusic(NemoClient client, NemoEmulator emulator) {
 *         String sid = client.sessions().create().sessionId();
 *         ChatReply reply = client.chat(sid).send("add lo-fi music at 35%");
 *         assertThat(reply.text()).contains("Lo-fi");
 *         assertThat(emulator.draft(sid)).contains("\"tt\":1");
 *     }
 * }
 * }</pre>
 *
 * <p>Every attribute defaults to the {@link NemoEmulator.Builder} default, so a bare {@code @NemoTest}
 * is the same as {@code @ExtendWith(NemoEmulatorExtension.class)}. For settings not offered here (a
 * clock, token lifetime, upload limits, client options...) register the extension programmatically
 * instead, with {@link NemoEmulatorExtension#builder()}; use one form or the other, not both.
 *
 * <p>The annotation is {@linkplain Inherited inherited} by subclasses and may be used as a
 * meta-annotation. {@code @Nested} classes share the enclosing class's emulator: they may repeat the
 * enclosing class's {@code @NemoTest} but not change it.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(NemoEmulatorExtension.class)
public @interface NemoTest {

    /**
     * Share of editing chat turns answered without any text, from 0 to 1; see
     * {@link NemoEmulator.Builder#silentRatio(double)}.
     *
     * @return the ratio (default 0.3)
     */
    double silentRatio() default 0.3;

    /**
     * Seed of the silent-turn decisions; see {@link NemoEmulator.Builder#seed(long)}.
     *
     * @return the seed (default 42)
     */
    long seed() default 42L;

    /**
     * Payload shape of the chat stream; see {@link NemoEmulator.Builder#chatStyle(ChatStyle)}.
     *
     * @return the style (default {@link ChatStyle#TYPED})
     */
    ChatStyle chatStyle() default ChatStyle.TYPED;

    /**
     * Whether chat replies end with a spurious "temporary issue" text; see
     * {@link NemoEmulator.Builder#trailingNoise(boolean)}.
     *
     * @return whether to add it (default false)
     */
    boolean trailingNoise() default false;

    /**
     * Credits of each new anonymous user; see {@link NemoEmulator.Builder#initialCredits(int)}.
     *
     * @return the credits (default 100)
     */
    int initialCredits() default 100;

    /**
     * Credits an editing chat turn costs; see {@link NemoEmulator.Builder#creditsPerEdit(int)}.
     *
     * @return the cost (default 5)
     */
    int creditsPerEdit() default 5;

    /**
     * How long a chat turn sends only heartbeats, in milliseconds; see
     * {@link NemoEmulator.Builder#turnDuration(java.time.Duration)}.
     *
     * @return the duration (default 200)
     */
    long turnDurationMs() default 200L;

    /**
     * How long an export takes, in milliseconds of the emulator's clock; see
     * {@link NemoEmulator.Builder#renderDuration(java.time.Duration)}. The injected clients' waits move
     * that clock forward, so even long renders complete at once for them.
     *
     * @return the duration (default 300)
     */
    long renderDurationMs() default 300L;

    /**
     * Where a completed export's status puts the download URL; see
     * {@link NemoEmulator.Builder#renderStatusShape(RenderStatusShape)}.
     *
     * @return the shape (default {@link RenderStatusShape#TOP_LEVEL})
     */
    RenderStatusShape renderStatusShape() default RenderStatusShape.TOP_LEVEL;

    /**
     * The product the injected clients speak for, by its {@code X-Skill-Source} value
     * ({@code tiktok-add-music}, {@code add-music}, {@code add-music-ai}, {@code music-maker} or
     * {@code nemo-video}); empty for the SDK's default ({@code nemo-video}). It sets the clients'
     * attribution headers and upload limit.
     *
     * @return the product's source, or empty (the default)
     */
    String product() default "";
}
