package dev.nvmemi.agent.poll;

/**
 * The commands the agent issues, with their scheduling priority (design §5: subsystem health &gt;
 * controller health &gt; SMART &gt; error log &gt; identify; lower number = more urgent), the value
 * of the {@code nvme.mi.command} attribute, and the message sizes for the bus-time estimate.
 *
 * <p>Sizes are complete NVMe-MI messages (type byte, header, body, MIC): an MI command request is
 * 20 bytes and its response 12 + data; an admin request 72 bytes and its response 24 + data.
 */
public enum Command {
  SUBSYSTEM_HEALTH(0, "subsystem_health_poll", 20, 12 + 8),
  CONTROLLER_HEALTH(1, "controller_health_poll", 20, 12 + 16),
  SMART_LOG(2, "get_log_page.smart", 72, 24 + 512),
  ERROR_LOG(3, "get_log_page.error", 72, 24 + 4096),
  READ_SUBSYSTEM_INFO(4, "read_subsystem_info", 20, 12 + 32),
  READ_PORT_INFO(4, "read_port_info", 20, 12 + 32),
  READ_CONTROLLER_LIST(4, "read_controller_list", 20, 12 + 2 + 2),
  READ_CONTROLLER_INFO(4, "read_controller_info", 20, 12 + 32),
  IDENTIFY_CONTROLLER(4, "identify_controller", 72, 24 + 4096);

  private final int priority;
  private final String attribute;
  private final int requestBytes;
  private final int responseBytes;

  Command(int priority, String attribute, int requestBytes, int responseBytes) {
    this.priority = priority;
    this.attribute = attribute;
    this.requestBytes = requestBytes;
    this.responseBytes = responseBytes;
  }

  /** Scheduling priority; 0 is the most urgent. */
  public int priority() {
    return priority;
  }

  /** Value of {@code nvme.mi.command}. */
  public String attribute() {
    return attribute;
  }

  public int requestBytes() {
    return requestBytes;
  }

  /** Response size for a typical answer (one controller, a full 4 KiB chunk). */
  public int responseBytes() {
    return responseBytes;
  }
}
