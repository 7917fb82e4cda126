package dev.nvmemi.mi;

/**
 * A decoded NVMe-MI response (or an endpoint-originated message such as an Asynchronous Event
 * Message). Implemented by the response records of each request family; a non-success status is
 * a response too (an error response record), not an exception.
 *
 * <p>Records; immutable and thread-safe.
 */
public interface MiResponse {
  /** The response header. */
  MiHeader header();

  /** The Response Message Status (byte 4); AEMs report success. */
  MiStatus status();
}
