package dev.nvmemi.agent.telemetry;

import static dev.nvmemi.agent.telemetry.TelemetryContract.*;

import dev.nvmemi.agent.poll.EndpointSession;
import dev.nvmemi.agent.poll.PollOutcome;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.reactivex.rxjava3.disposables.Disposable;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code nvme_mi.command.duration}: every exchange outcome of a session's stream, per bus and
 * command with {@code error.type} on failures; per drive (the drive attributes added) only when
 * configured, since per drive it multiplies a fleet's series by commands × buckets.
 *
 * <p>Records on the agent context (where sessions emit); a synchronous subscriber that requests
 * without bound (the session buffers ahead of its fold).
 */
final class CommandDurations {
  private static final Logger LOG = Logger.getLogger(CommandDurations.class.getName());
  private static final AttributeKey<String> A_COMMAND = AttributeKey.stringKey(NVME_MI_COMMAND);
  private static final AttributeKey<String> A_ERROR_TYPE = AttributeKey.stringKey(ERROR_TYPE);

  private final DoubleHistogram histogram;
  private final DriveAttributes attributes;
  private final boolean perDrive;

  CommandDurations(DoubleHistogram histogram, DriveAttributes attributes, boolean perDrive) {
    this.histogram = Objects.requireNonNull(histogram, "histogram");
    this.attributes = Objects.requireNonNull(attributes, "attributes");
    this.perDrive = perDrive;
  }

  Disposable attach(EndpointSession session) {
    return session.updates()
        .filter(u -> u.outcome() instanceof PollOutcome.Exchange)
        .subscribe(u -> {
          PollOutcome.Exchange x = (PollOutcome.Exchange) u.outcome();
          AttributesBuilder b = perDrive ? attributes.endpoint(u.before()).toBuilder()
              : Attributes.builder().put(DriveAttributes.BUS_KEY, u.after().key().bus().name());
          b.put(A_COMMAND, x.command().attribute());
          if (!x.errorType().isEmpty()) {
            b.put(A_ERROR_TYPE, x.errorType());
          }
          histogram.record(x.durationNanos() / 1e9, b.build());
        }, e -> LOG.log(Level.SEVERE, "command duration stream failed", e));
  }
}
