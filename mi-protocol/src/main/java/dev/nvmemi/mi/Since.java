package dev.nvmemi.mi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component, {@link Derived} method or enum constant that the specification
 * defines only from {@link #value()} on. A renderer reading a message under an earlier
 * {@link MiRevision} leaves it out (the bits stay in the raw field), so earlier revisions render
 * exactly as before the field existed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Since {
  /** The first revision that defines the member. */
  MiRevision value();
}
