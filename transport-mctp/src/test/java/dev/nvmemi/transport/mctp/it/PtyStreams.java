package dev.nvmemi.transport.mctp.it;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Java streams over a pty master file descriptor (JNA read/write), so that the simulator's serial
 * front end ({@code MctpSerialServer}) can sit on the far side of a kernel {@code mctpserialN}
 * link in the test JVM. The input stream is read by one thread, the output written under the
 * server's write lock.
 */
final class PtyStreams {
  private static final int EINTR = 4;
  private static final int EAGAIN = 11;

  private PtyStreams() {}

  static InputStream in(int fd) {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        byte[] buf = new byte[len];
        while (true) {
          try {
            int n = GuestLibC.INSTANCE.read(fd, buf, new NativeLong(len)).intValue();
            if (n <= 0) {
              return -1;
            }
            System.arraycopy(buf, 0, b, off, n);
            return n;
          } catch (LastErrorException e) {
            if (e.getErrorCode() != EINTR && e.getErrorCode() != EAGAIN) {
              return -1; // EIO: the slave side is gone
            }
          }
        }
      }
    };
  }

  static OutputStream out(int fd) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        byte[] rest = Arrays.copyOfRange(b, off, off + len);
        while (rest.length > 0) {
          try {
            int n = GuestLibC.INSTANCE.write(fd, rest, new NativeLong(rest.length)).intValue();
            rest = Arrays.copyOfRange(rest, n, rest.length);
          } catch (LastErrorException e) {
            if (e.getErrorCode() != EINTR && e.getErrorCode() != EAGAIN) {
              throw new IOException("write to pty master failed: errno " + e.getErrorCode(), e);
            }
          }
        }
      }
    };
  }
}
