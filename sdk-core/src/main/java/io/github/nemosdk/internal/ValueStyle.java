package io.github.nemosdk.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The project's Immutables style: implementations hidden in their package, created through the public
 * {@code of(...)} factory of each model, no builders, and only {@code @Override} taken from the classpath so users
 * never need Immutables or {@code @Generated} at run time. Not part of the SDK's API.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
        visibility = Value.Style.ImplementationVisibility.PACKAGE,
        overshadowImplementation = true,
        allParameters = true,
        defaults = @Value.Immutable(builder = false, copy = false),
        allowedClasspathAnnotations = {Override.class})
public @interface ValueStyle {
}
