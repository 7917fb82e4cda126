package dev.nvmemi.transport.mctp.it;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An MCTP link made from a pseudo-terminal: the slave end carries the N_MCTP line discipline (the
 * kernel creates a netdev {@code mctpserialN}), the master end is the far side of the "wire" that a
 * {@link SerialPeer} reads and writes. Closing the slave removes the netdev. Used from one test
 * thread (the peer thread only reads and writes the master fd).
 */
final class MctpSerialLink implements AutoCloseable {
  private static final GuestLibC C = GuestLibC.INSTANCE;

  final int master;
  final int slave;
  final String ifname;

  private MctpSerialLink(int master, int slave, String ifname) {
    this.master = master;
    this.slave = slave;
    this.ifname = ifname;
  }

  static MctpSerialLink create() throws IOException {
    Set<String> before = netdevs();
    int master = C.posix_openpt(GuestLibC.O_RDWR | GuestLibC.O_NOCTTY | GuestLibC.O_CLOEXEC);
    C.grantpt(master);
    C.unlockpt(master);
    byte[] name = new byte[64];
    C.ptsname_r(master, name, new NativeLong(name.length));
    String path = new String(name, StandardCharsets.US_ASCII).trim().replace("\0", "");
    int slave = C.open(path, GuestLibC.O_RDWR | GuestLibC.O_NOCTTY | GuestLibC.O_CLOEXEC);
    makeRaw(slave);
    makeRaw(master);
    // read the tty name before switching the line discipline: TCGETS fails afterwards
    C.ioctl(slave, new NativeLong(GuestLibC.TIOCSETD), new IntByReference(GuestLibC.N_MCTP));
    Set<String> after = netdevs();
    after.removeAll(before);
    if (after.size() != 1) {
      throw new IOException("expected one new mctpserial netdev after TIOCSETD N_MCTP on " + path + ", found " + after);
    }
    return new MctpSerialLink(master, slave, after.iterator().next());
  }

  private static void makeRaw(int fd) {
    Memory termios = new Memory(256);
    termios.clear();
    C.tcgetattr(fd, termios);
    C.cfmakeraw(termios);
    C.tcsetattr(fd, GuestLibC.TCSANOW, termios);
  }

  static Set<String> netdevs() throws IOException {
    Set<String> out = new HashSet<>();
    try (Stream<Path> s = Files.list(Path.of("/sys/class/net"))) {
      s.forEach(p -> out.add(p.getFileName().toString()));
    }
    return out;
  }

  @Override
  public void close() {
    C.close(slave);
    C.close(master);
  }
}
