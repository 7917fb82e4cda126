package dev.nvmemi.transport.mctp.jna;

import com.sun.jna.Structure;

/** {@code struct pollfd} (8 bytes). Not thread-safe. */
@Structure.FieldOrder({"fd", "events", "revents"})
public final class PollFd extends Structure {
  public int fd;
  public short events;
  public short revents;
}
