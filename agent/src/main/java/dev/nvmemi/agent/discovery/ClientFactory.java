package dev.nvmemi.agent.discovery;

import dev.nvmemi.agent.drive.DriveClient;
import dev.nvmemi.transport.discovery.BusEndpoint;

/**
 * Opens the client of one endpoint that a source delivered ({@code MctpTransport.open} or
 * {@code SimulatedFleet.endpoint}, wrapped): the one transport-specific step (design §2). Called on
 * the agent context; must not block (opening a socket is quick, I/O happens per exchange).
 */
@FunctionalInterface
public interface ClientFactory {
  DriveClient open(BusEndpoint key);
}
