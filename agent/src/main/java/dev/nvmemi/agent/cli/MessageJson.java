package dev.nvmemi.agent.cli;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiErrorResponse;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiStatus;
import dev.nvmemi.mi.MiRevision;
import dev.nvmemi.mi.Nmimt;
import dev.nvmemi.mi.NvmeStatus;
import dev.nvmemi.mi.RenamedIn;
import dev.nvmemi.mi.Since;
import dev.nvmemi.mi.SpecNames;
import dev.nvmemi.mi.command.MiCommandRequest;
import dev.nvmemi.mi.control.ControlPrimitive;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Renders decoded NVMe-MI records as JSON, by reflection over record components and
 * {@link Derived} methods, so that every field the codec decodes appears under its spec name
 * without a hand-written mapping per message.
 *
 * <p>Rules: record components keep their names (spec abbreviations in lower camel case); the
 * message header is flattened into its message ({@code ic, nmimt, ror, csi, meb, ciap}); an
 * {@link MiStatus} renders as its code plus {@code <name>Name}; an {@link Nmimt} as its code plus
 * {@code nmimtName}; enums as their names; collections as arrays; byte arrays as lower-case hex;
 * {@link BigInteger} as a JSON number; {@link Optional} as its value or null. Derived methods
 * follow the components in name order.
 *
 * <p>Names follow the NVMe-MI revision the message is read under ({@link SpecNames}); the default
 * is {@link MiRevision#DEFAULT}.
 *
 * <p>Immutable per rendering; thread-safe. Used by the {@code decode} command on the main thread.
 */
public final class MessageJson {
  private static final HexFormat HEX = HexFormat.of();
  private static final int MAX_DEPTH = 16;

  /** Renders a record (message or structure) with today's ({@link MiRevision#DEFAULT}) names. */
  public static JsonObject render(Record r) {
    return render(r, MiRevision.DEFAULT);
  }

  /**
   * Renders a record under {@code revision}: members marked {@link Since} a later revision are left
   * out, members and enum constants marked {@link RenamedIn} take their name of that revision
   * (NVMe-MI 2.1: {@code ccsf}, {@code TCIDAF}, {@code chscf}).
   */
  public static JsonObject render(Record r, MiRevision revision) {
    return new MessageJson(revision).renderRecord(r);
  }

  private final MiRevision revision;

  private MessageJson(MiRevision revision) {
    this.revision = revision;
  }

  private JsonObject renderRecord(Record r) {
    JsonObject out = new JsonObject();
    out.put("message", r.getClass().getSimpleName());
    if (r instanceof dev.nvmemi.mi.MiRequest req) {
      out.put("command", req.commandName());
    }
    fill(out, r, 0);
    // The wire fields every MI command and control primitive carries, even where the record
    // models them as constants of its type rather than as components.
    if (r instanceof MiCommandRequest c) {
      out.put("opcode", c.opcode());
      out.put("nmd0", c.nmd0());
      out.put("nmd1", c.nmd1());
    } else if (r instanceof ControlPrimitive cp) {
      out.put("opcode", cp.opcode());
      out.put("cpsp", cp.cpsp());
    }
    if (r instanceof MiErrorResponse e && e.status().equals(MiStatus.MORE_PROCESSING_REQUIRED)) {
      // MPR (spec sheet §1.6): bytes 7:6 are MPRT in units of 100 ms.
      int mprt = (e.nmresp() >>> 8) & 0xFFFF;
      out.put("mprt", mprt);
      out.put("mprtMillis", mprt * 100L);
    }
    return out;
  }

  private void fill(JsonObject out, Record r, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalStateException("record nesting deeper than " + MAX_DEPTH + ": " + r.getClass());
    }
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      if (!SpecNames.defined(c, revision)) {
        continue;
      }
      Object v = invoke(c.getAccessor(), r);
      put(out, SpecNames.name(c, c.getName(), revision), v, depth);
    }
    Method[] methods = r.getClass().getMethods();
    Arrays.sort(methods, Comparator.comparing(Method::getName));
    for (Method m : methods) {
      if (m.isAnnotationPresent(Derived.class) && m.getParameterCount() == 0
          && !Modifier.isStatic(m.getModifiers()) && SpecNames.defined(m, revision)) {
        put(out, SpecNames.name(m, m.getName(), revision), invoke(m, r), depth);
      }
    }
  }

  private void put(JsonObject out, String name, Object v, int depth) {
    if (v instanceof MiHeader h) {
      out.put("ic", h.integrityCheck() ? 1 : 0);
      out.put("nmimt", h.nmimt().code());
      out.put("nmimtName", h.nmimt().name());
      out.put("ror", h.response() ? 1 : 0);
      out.put("csi", h.csi());
      out.put("meb", h.meb() ? 1 : 0);
      out.put("ciap", h.ciap() ? 1 : 0);
      return;
    }
    if (v instanceof MiStatus s) {
      out.put(name, s.code());
      out.put(name + "Name", s.name());
      return;
    }
    if (v instanceof Nmimt n) {
      out.put(name, n.code());
      out.put(name + "Name", n.name());
      return;
    }
    out.put(name, value(v, depth));
  }

  private Object value(Object v, int depth) {
    if (v == null) {
      return null;
    }
    if (v instanceof Optional<?> o) {
      return value(o.orElse(null), depth);
    }
    if (v instanceof NvmeStatus s) {
      return new JsonObject().put("sc", s.sc()).put("sct", s.sct()).put("crd", s.crd())
          .put("m", s.more()).put("dnr", s.dnr()).put("success", s.isSuccess());
    }
    if (v instanceof MiStatus s) {
      return new JsonObject().put("code", s.code()).put("name", s.name());
    }
    if (v instanceof Record r) {
      JsonObject o = new JsonObject();
      fill(o, r, depth + 1);
      return o;
    }
    if (v instanceof Enum<?> e) {
      return SpecNames.name(e, revision);
    }
    if (v instanceof byte[] b) {
      return HEX.formatHex(b);
    }
    if (v instanceof int[] a) {
      JsonArray arr = new JsonArray();
      for (int x : a) {
        arr.add(x);
      }
      return arr;
    }
    if (v instanceof long[] a) {
      JsonArray arr = new JsonArray();
      for (long x : a) {
        arr.add(x);
      }
      return arr;
    }
    if (v instanceof Collection<?> c) {
      JsonArray arr = new JsonArray();
      for (Object x : c) {
        arr.add(value(x, depth + 1));
      }
      return arr;
    }
    if (v instanceof Map<?, ?> m) {
      JsonObject o = new JsonObject();
      m.forEach((k, x) -> o.put(String.valueOf(k), value(x, depth + 1)));
      return o;
    }
    if (v instanceof Number || v instanceof Boolean || v instanceof String) {
      return v;
    }
    if (v instanceof Character ch) {
      return String.valueOf(ch);
    }
    return v.toString();
  }

  private static Object invoke(Method m, Object target) {
    try {
      m.trySetAccessible();
      return m.invoke(target);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read " + m + ": " + e.getMessage(), e);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("reading " + m.getName() + " failed", cause);
    }
  }
}
