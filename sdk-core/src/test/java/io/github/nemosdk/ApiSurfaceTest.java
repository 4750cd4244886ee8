package io.github.nemosdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API, read from the compiled classes: every public or protected signature of every public type in an
 * exported package (supertypes, fields, constructors, methods, their generic arguments and exceptions) may name only
 * the JDK, Jackson's tree model and the exported packages themselves. A type from {@code internal} or from Failsafe
 * in a signature would tie users to what can change in any release.
 */
class ApiSurfaceTest {
    private static final Path CLASSES = Paths.get("target", "classes");

    @Test
    void publicSignaturesNameOnlyTheJdkJacksonAndTheExportedPackages() throws Exception {
        Path descriptor = CLASSES.resolve("module-info.class");
        Set<String> exported;
        try (InputStream in = Files.newInputStream(descriptor)) {
            ModuleDescriptor d = ModuleDescriptor.read(in);
            assertThat(d.name()).isEqualTo("io.github.nemosdk");
            exported = d.exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(exported).as("exported packages").noneMatch(p -> p.contains(".internal"))
                .contains("io.github.nemosdk", "io.github.nemosdk.chat", "io.github.nemosdk.errors");

        List<String> leaks = new ArrayList<>();
        int types = 0;
        for (Class<?> c : publicTypes(exported)) {
            types++;
            List<Type> used = new ArrayList<>();
            if (c.getGenericSuperclass() != null) {
                used.add(c.getGenericSuperclass());
            }
            used.addAll(List.of(c.getGenericInterfaces()));
            for (Field f : c.getDeclaredFields()) {
                if (isApi(f.getModifiers())) {
                    used.add(f.getGenericType());
                }
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (isApi(k.getModifiers())) {
                    used.addAll(List.of(k.getGenericParameterTypes()));
                    used.addAll(List.of(k.getGenericExceptionTypes()));
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                if (isApi(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                    used.add(m.getGenericReturnType());
                    used.addAll(List.of(m.getGenericParameterTypes()));
                    used.addAll(List.of(m.getGenericExceptionTypes()));
                }
            }
            Set<Class<?>> named = new java.util.HashSet<>();
            for (Type t : used) {
                collect(t, named, new java.util.HashSet<>());
            }
            for (Class<?> n : named) {
                if (!allowed(n, exported)) {
                    leaks.add(c.getName() + " -> " + n.getName());
                }
            }
        }
        assertThat(types).as("public API types found").isGreaterThan(50);
        assertThat(leaks).as("types outside the API named by public signatures").isEmpty();
    }

    private static boolean isApi(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static boolean allowed(Class<?> c, Set<String> exported) {
        while (c.isArray()) {
            c = c.getComponentType();
        }
        if (c.isPrimitive()) {
            return true;
        }
        String p = c.getPackageName();
        // the Java SE platform: any package of a java.* module (javax.net.ssl is in java.base), no jdk.* module
        boolean javaSe = c.getModule().isNamed() && c.getModule().getName().startsWith("java.");
        return javaSe || exported.contains(p) || p.startsWith("com.fasterxml.jackson.databind")
                || p.startsWith("com.fasterxml.jackson.core");
    }

    private static void collect(Type t, Set<Class<?>> out, Set<Type> seen) {
        if (!seen.add(t)) {
            return;
        }
        if (t instanceof Class) {
            out.add((Class<?>) t);
        } else if (t instanceof ParameterizedType) {
            ParameterizedType p = (ParameterizedType) t;
            collect(p.getRawType(), out, seen);
            for (Type a : p.getActualTypeArguments()) {
                collect(a, out, seen);
            }
        } else if (t instanceof GenericArrayType) {
            collect(((GenericArrayType) t).getGenericComponentType(), out, seen);
        } else if (t instanceof WildcardType) {
            for (Type b : ((WildcardType) t).getUpperBounds()) {
                collect(b, out, seen);
            }
            for (Type b : ((WildcardType) t).getLowerBounds()) {
                collect(b, out, seen);
            }
        } else if (t instanceof TypeVariable) {
            for (Type b : ((TypeVariable<?>) t).getBounds()) {
                collect(b, out, seen);
            }
        }
    }

    /** Public types (nested ones included when public all the way out) of the exported packages. */
    private static List<Class<?>> publicTypes(Set<String> packages) throws IOException, ClassNotFoundException {
        List<Class<?>> out = new ArrayList<>();
        for (String p : packages) {
            Path dir = CLASSES.resolve(p.replace('.', '/'));
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(f -> f.toString().endsWith(".class")).sorted().collect(Collectors.toList());
            }
            for (Path f : files) {
                String simple = f.getFileName().toString().replace(".class", "");
                if (simple.equals("package-info")) {
                    continue;
                }
                Class<?> c = Class.forName(p + "." + simple, false, ApiSurfaceTest.class.getClassLoader());
                if (isVisible(c)) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private static boolean isVisible(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers()) && !(k != c && Modifier.isProtected(c.getModifiers()))) {
                return false;
            }
        }
        return !c.isAnonymousClass() && !c.isLocalClass() && !c.isSynthetic();
    }
}
