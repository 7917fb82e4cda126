package dev.nvmemi.mi;

import java.lang.reflect.AnnotatedElement;

/**
 * The specification name of a record component, {@link Derived} method or enum constant under a
 * given {@link MiRevision}, from its {@link Since} and {@link RenamedIn} annotations. Renderers
 * (the {@code decode} command) use it so that one record type names its fields as the revision the
 * endpoint follows does.
 *
 * <p>Stateless; thread-safe.
 */
public final class SpecNames {
  private SpecNames() {}

  /** Whether {@code member} exists in {@code revision} (no {@link Since}, or one not after it). */
  public static boolean defined(AnnotatedElement member, MiRevision revision) {
    Since since = member.getAnnotation(Since.class);
    return since == null || revision.atLeast(since.value());
  }

  /** The name of {@code member} under {@code revision}; {@code javaName} unless {@link RenamedIn} applies. */
  public static String name(AnnotatedElement member, String javaName, MiRevision revision) {
    RenamedIn renamed = member.getAnnotation(RenamedIn.class);
    return renamed != null && revision.atLeast(renamed.revision()) ? renamed.name() : javaName;
  }

  /** The name of an enum constant under {@code revision} ({@link RenamedIn} on the constant). */
  public static String name(Enum<?> constant, MiRevision revision) {
    try {
      return name(constant.getDeclaringClass().getField(constant.name()), constant.name(), revision);
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("enum constant without its field: " + constant, e);
    }
  }
}
