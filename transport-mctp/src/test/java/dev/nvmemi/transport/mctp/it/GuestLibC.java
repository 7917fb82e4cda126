package dev.nvmemi.transport.mctp.it;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/** The glibc calls for pty plumbing in the guest. Stateless; thread-safe. */
interface GuestLibC extends Library {
  GuestLibC INSTANCE = Native.load("c", GuestLibC.class);

  int O_RDWR = 2;
  int O_NOCTTY = 0x100;
  int O_CLOEXEC = 0x80000;
  int TIOCSETD = 0x5423;
  int N_MCTP = 28;
  int TCSANOW = 0;

  int posix_openpt(int flags) throws LastErrorException;

  int grantpt(int fd) throws LastErrorException;

  int unlockpt(int fd) throws LastErrorException;

  int ptsname_r(int fd, byte[] buf, NativeLong len) throws LastErrorException;

  int open(String path, int flags) throws LastErrorException;

  int close(int fd) throws LastErrorException;

  NativeLong read(int fd, byte[] buf, NativeLong n) throws LastErrorException;

  NativeLong write(int fd, byte[] buf, NativeLong n) throws LastErrorException;

  int tcgetattr(int fd, Pointer termios) throws LastErrorException;

  int tcsetattr(int fd, int action, Pointer termios) throws LastErrorException;

  void cfmakeraw(Pointer termios);

  int ioctl(int fd, NativeLong request, IntByReference arg) throws LastErrorException;
}
