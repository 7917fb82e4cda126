package dev.nvmemi.mi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component, {@link Derived} method or enum constant whose specification name
 * changed in {@link #revision()}: a renderer reading a message under that revision or a later one
 * uses {@link #name()} instead of the Java name (CCS → CCSF, TCIDA → TCIDAF in NVMe-MI 2.1). The
 * bytes and the Java API do not change.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface RenamedIn {
  /** The revision that introduced the new name. */
  MiRevision revision();

  /** The name from that revision on, written as the Java name would be (lower camel case for fields). */
  String name();
}
