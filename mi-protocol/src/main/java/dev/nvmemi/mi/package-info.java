/**
 * NVMe-MI over MCTP: message framing (header, MIC), the status and error taxonomy, and the codec
 * entry points. Spec reference: {@code shared/spec/nvme-mi.md} (the project's NVMe-MI fact sheet).
 *
 * <p>Everything in this module is pure Java without runtime dependencies, and every type is either
 * immutable or stateless, so it may be used from any thread, including a Vert.x event loop.
 */
package dev.nvmemi.mi;
