package dev.nvmemi.transport.mctp.jna;

import java.util.Map;

/** The Linux errno values the transport tells apart, with their names. Stateless; thread-safe. */
public final class Errno {
  public static final int EPERM = 1;
  public static final int ENOENT = 2;
  public static final int EINTR = 4;
  public static final int EIO = 5;
  public static final int EBADF = 9;
  public static final int EAGAIN = 11;
  public static final int ENOMEM = 12;
  public static final int EACCES = 13;
  public static final int EBUSY = 16;
  public static final int ENODEV = 19;
  public static final int EINVAL = 22;
  public static final int ENOTTY = 25;
  public static final int EDESTADDRREQ = 89;
  public static final int EMSGSIZE = 90;
  public static final int EPROTONOSUPPORT = 93;
  public static final int EOPNOTSUPP = 95;
  public static final int EAFNOSUPPORT = 97;
  public static final int EADDRINUSE = 98;
  public static final int ENETUNREACH = 101;
  public static final int ENOBUFS = 105;
  public static final int ETIMEDOUT = 110;
  public static final int EHOSTUNREACH = 113;

  private static final Map<Integer, String> NAMES = Map.ofEntries(
      Map.entry(EPERM, "EPERM"), Map.entry(ENOENT, "ENOENT"), Map.entry(EINTR, "EINTR"),
      Map.entry(EIO, "EIO"), Map.entry(EBADF, "EBADF"), Map.entry(EAGAIN, "EAGAIN"),
      Map.entry(ENOMEM, "ENOMEM"), Map.entry(EACCES, "EACCES"), Map.entry(EBUSY, "EBUSY"),
      Map.entry(ENODEV, "ENODEV"), Map.entry(EINVAL, "EINVAL"), Map.entry(ENOTTY, "ENOTTY"),
      Map.entry(EDESTADDRREQ, "EDESTADDRREQ"), Map.entry(EMSGSIZE, "EMSGSIZE"),
      Map.entry(EPROTONOSUPPORT, "EPROTONOSUPPORT"), Map.entry(EOPNOTSUPP, "EOPNOTSUPP"),
      Map.entry(EAFNOSUPPORT, "EAFNOSUPPORT"), Map.entry(EADDRINUSE, "EADDRINUSE"),
      Map.entry(ENETUNREACH, "ENETUNREACH"), Map.entry(ENOBUFS, "ENOBUFS"),
      Map.entry(ETIMEDOUT, "ETIMEDOUT"), Map.entry(EHOSTUNREACH, "EHOSTUNREACH"));

  private Errno() {}

  /** The symbolic name, e.g. {@code "EBUSY"}, or {@code "errno 42"} for one we do not name. */
  public static String name(int errno) {
    return NAMES.getOrDefault(errno, "errno " + errno);
  }

  /** {@code "EBUSY (16)"}. */
  public static String describe(int errno) {
    String n = NAMES.get(errno);
    return n == null ? "errno " + errno : n + " (" + errno + ")";
  }
}
