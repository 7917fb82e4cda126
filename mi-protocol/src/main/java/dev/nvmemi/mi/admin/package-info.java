/**
 * The NVMe Admin command tunnel of NVMe-MI (NMIMT 2, spec sheet §6 and §7): the generic 68-byte
 * request ({@link dev.nvmemi.mi.admin.AdminCommand}) and typed requests for the commands libnvme
 * implements (Identify, Get Log Page, Get/Set Features, Security Send/Receive, Namespace
 * Management/Attachment, Firmware Download/Commit, Format NVM, Sanitize), the admin response with
 * its CQE dwords and NVMe status, and the NVMe data structures a telemetry agent reads through it
 * (Identify Controller, SMART / Health log, Error Information log, feature values), each with an
 * encoder as well as a decoder. {@link dev.nvmemi.mi.admin.AdminCodec} is the entry point the
 * {@code MiCodec} facade uses; {@link dev.nvmemi.mi.admin.AdminOptions} holds the choices where
 * the spec sheet is uncertain (§12 points 4 and 5).
 *
 * <p>Pure Java; every type is immutable or stateless and may be used from any thread.
 */
package dev.nvmemi.mi.admin;
