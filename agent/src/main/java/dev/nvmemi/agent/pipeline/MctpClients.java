package dev.nvmemi.agent.pipeline;

import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.discovery.ClientFactory;
import dev.nvmemi.agent.drive.DriveClient;
import dev.nvmemi.agent.drive.MiDriveClient;
import dev.nvmemi.transport.discovery.BusEndpoint;
import dev.nvmemi.transport.mctp.MctpIo;
import dev.nvmemi.transport.mctp.MctpTransport;
import java.util.Objects;

/**
 * The one place where the agent's configuration becomes AF_MCTP exchanges. Each endpoint gets an
 * {@link MctpTransport} on the I/O lane of the bus discovery named ({@link BusEndpoint#bus()}, the
 * same bus the scheduler's lane uses) and a {@link MiDriveClient} that sends every command with the
 * exchange options of its class:
 * <ul>
 *   <li>{@code poll.health_timeout}, {@code poll.identify_timeout}, {@code poll.log_timeout}: the
 *       exchange's response timeout by command class;</li>
 *   <li>{@code poll.mpr_wait_cap}: the cap on one More Processing Required wait (0: none, the
 *       drive's own MPRT);</li>
 *   <li>{@code poll.mpr_max}: interim responses accepted per exchange.</li>
 * </ul>
 * The {@code bus.*} keys act in the scheduler, which decides what the transport is given:
 * {@code bus.concurrency} (exchanges in flight per bus, so I/O threads per bus),
 * {@code bus.max_utilization}, {@code bus.frequency} and {@code bus.mtu} (the bus-time budget).
 *
 * <p>Called on the agent context; the transports run on their buses' I/O threads.
 */
public final class MctpClients implements ClientFactory {
  private final AgentConfig.Poll poll;
  private final MctpIo io;

  public MctpClients(AgentConfig.Poll poll, MctpIo io) {
    this.poll = Objects.requireNonNull(poll, "poll");
    this.io = Objects.requireNonNull(io, "io");
  }

  @Override
  public DriveClient open(BusEndpoint at) {
    return new MiDriveClient(MctpTransport.open(at, io), poll);
  }
}
