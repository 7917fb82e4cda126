package dev.nvmemi.agent.poll;

import dev.nvmemi.agent.config.AgentConfig;
import java.time.Duration;

/**
 * The commands the agent issues, with their scheduling priority (design §5: subsystem health &gt;
 * controller health &gt; SMART &gt; error log &gt; identify; lower number = more urgent), the value
 * of the {@code nvme.mi.command} attribute, and the message sizes for the bus-time estimate.
 *
 * <p>Sizes are complete NVMe-MI messages (type byte, header, body, MIC): an MI command request is
 * 20 bytes and its response 12 + data; an admin request 72 bytes and its response 24 + data.
 *
 * <p>Each command belongs to a {@link TimeoutClass} with its own configured response timeout: a
 * health poll is small and should answer fast, a 4 KiB log chunk needs longer.
 */
public enum Command {
  SUBSYSTEM_HEALTH(0, "subsystem_health_poll", 20, 12 + 8, TimeoutClass.HEALTH),
  CONTROLLER_HEALTH(1, "controller_health_poll", 20, 12 + 16, TimeoutClass.HEALTH),
  /** The basic form of the Controller Health Status Poll (no SR-IOV include bits), where the full one is rejected. */
  CONTROLLER_HEALTH_BASIC(1, "controller_health_poll.basic", 20, 12 + 16, TimeoutClass.HEALTH),
  SMART_LOG(2, "get_log_page.smart", 72, 24 + 512, TimeoutClass.LOG_CHUNK),
  ERROR_LOG(3, "get_log_page.error", 72, 24 + 4096, TimeoutClass.LOG_CHUNK),
  READ_SUBSYSTEM_INFO(4, "read_subsystem_info", 20, 12 + 32, TimeoutClass.IDENTIFY),
  READ_PORT_INFO(4, "read_port_info", 20, 12 + 32, TimeoutClass.IDENTIFY),
  READ_CONTROLLER_LIST(4, "read_controller_list", 20, 12 + 2 + 2, TimeoutClass.IDENTIFY),
  READ_CONTROLLER_INFO(4, "read_controller_info", 20, 12 + 32, TimeoutClass.IDENTIFY),
  IDENTIFY_CONTROLLER(4, "identify_controller", 72, 24 + 4096, TimeoutClass.IDENTIFY),
  /**
   * The AEM Acknowledgement (Configuration Set CID 04h, empty AE Enable List): as urgent as a health
   * poll, the drive re-sends its AEM after AERD and reports a transmission failure in the end.
   */
  AEM_ACK(0, "config_set.async_event.ack", 20 + 5, 12 + 7 + 10, TimeoutClass.HEALTH),
  /** Configuration Get / Set CID 04h that read, enable or disable the drive's asynchronous events. */
  AEM_CONFIG(4, "config.async_event", 20 + 5 + 3 * 9, 12 + 7 + 9 * 10, TimeoutClass.IDENTIFY),
  /** Identify CNS 17h, once per drive and firmware: the OCP UUID index. */
  UUID_LIST(4, "identify_uuid_list", 72, 24 + 4096, TimeoutClass.IDENTIFY),
  /** OCP C0h, SMART / Health Information Extended ({@code ocp.interval}). */
  OCP_SMART_EXTENDED(3, "get_log_page.ocp_smart_extended", 72, 24 + 512, TimeoutClass.LOG_CHUNK),
  /** OCP C3h, Latency Monitor (with C0h, while the drive's latency monitor is enabled). */
  OCP_LATENCY_MONITOR(3, "get_log_page.ocp_latency_monitor", 72, 24 + 512, TimeoutClass.LOG_CHUNK);

  /** Commands that share one configured response timeout. */
  public enum TimeoutClass {
    /** Subsystem and controller health status polls: {@code poll.health_timeout}. */
    HEALTH,
    /** Read NVMe-MI Data Structure and Identify Controller: {@code poll.identify_timeout}. */
    IDENTIFY,
    /** One log page chunk (SMART, error log): {@code poll.log_timeout}. */
    LOG_CHUNK;

    /** The configured timeout of this class. */
    public Duration timeout(AgentConfig.Poll poll) {
      switch (this) {
        case HEALTH: return poll.healthTimeout();
        case IDENTIFY: return poll.identifyTimeout();
        default: return poll.logTimeout();
      }
    }
  }

  private final int priority;
  private final String attribute;
  private final int requestBytes;
  private final int responseBytes;
  private final TimeoutClass timeoutClass;

  Command(int priority, String attribute, int requestBytes, int responseBytes, TimeoutClass timeoutClass) {
    this.priority = priority;
    this.attribute = attribute;
    this.requestBytes = requestBytes;
    this.responseBytes = responseBytes;
    this.timeoutClass = timeoutClass;
  }

  /** True for the AEM acknowledgement and configuration: their failures are no endpoint failure. */
  public boolean asyncEvents() {
    return this == AEM_ACK || this == AEM_CONFIG;
  }

  /**
   * Whether a failure of this command means the endpoint stopped answering (backoff, then lost): the
   * health polls. A failure of any other command (a log page, identify data, an OCP page) is a
   * failure of that command only while the endpoint is active.
   */
  public boolean reachability() {
    return this == SUBSYSTEM_HEALTH || this == CONTROLLER_HEALTH || this == CONTROLLER_HEALTH_BASIC;
  }

  /** The class whose configured timeout this command's exchanges use. */
  public TimeoutClass timeoutClass() {
    return timeoutClass;
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
