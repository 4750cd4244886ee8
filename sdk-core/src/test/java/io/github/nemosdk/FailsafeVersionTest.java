package io.github.nemosdk;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nemosdk.internal.FailsafeVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailsafeVersionTest {
    @TempDir
    Path dir;

    @Test
    void theFailsafeTheTestsRunWithIsAccepted() {
        assertThatCode(() -> FailsafeVersion.check(NemoClient.class.getClassLoader())).doesNotThrowAnyException();
    }

    @Test
    void anOlderFailsafeIsNamedWithTheVersionToDeclare() throws IOException {
        // a Failsafe 3.0.0 look-alike: its Failsafe class and manifest, but none of the checked predicates
        try (URLClassLoader old = new URLClassLoader(new URL[] {fakeFailsafe("3.0.0").toUri().toURL()}, null)) {
            assertThatThrownBy(() -> FailsafeVersion.check(old)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("needs Failsafe 3.2.1 or newer")
                    .hasMessageContaining("the class path has Failsafe 3.0.0")
                    .hasMessageContaining("dev.failsafe:failsafe 3.2.1 or newer");
        }
        try (URLClassLoader none = new URLClassLoader(new URL[0], null)) {
            assertThatThrownBy(() -> FailsafeVersion.check(none)).hasMessageContaining("no Failsafe at all");
        }
    }

    /** A jar with {@code dev.failsafe.Failsafe} (an empty class) and an Implementation-Version. */
    private Path fakeFailsafe(String version) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
        Path jar = dir.resolve("failsafe-" + version + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m)) {
            out.putNextEntry(new JarEntry("dev/failsafe/Failsafe.class"));
            out.write(emptyClass("dev/failsafe/Failsafe"));
            out.closeEntry();
        }
        return jar;
    }

    /** The bytes of {@code public class <name> {}} with no members (class file version 55, Java 11). */
    private static byte[] emptyClass(String name) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        java.io.DataOutputStream d = new java.io.DataOutputStream(b);
        d.writeInt(0xCAFEBABE);
        d.writeShort(0);
        d.writeShort(55);
        d.writeShort(5); // constant pool: 4 entries
        d.writeByte(1);
        d.writeUTF(name); // #1 Utf8 name
        d.writeByte(7);
        d.writeShort(1); // #2 Class name
        d.writeByte(1);
        d.writeUTF("java/lang/Object"); // #3
        d.writeByte(7);
        d.writeShort(3); // #4 Class Object
        d.writeShort(0x0021); // public super
        d.writeShort(2);
        d.writeShort(4);
        d.writeShort(0); // interfaces
        d.writeShort(0); // fields
        d.writeShort(0); // methods
        d.writeShort(0); // attributes
        d.flush();
        return b.toByteArray();
    }
}
