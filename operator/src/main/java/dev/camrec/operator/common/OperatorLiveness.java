package dev.camrec.operator.common;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * /q/health/live is DOWN once an informer stopped on an error ({@link StoppedInformers}): readiness
 * alone would leave the pod unready but running, and the leader holding its lease, so no standby
 * could take over. A restart brings fresh informers, and releases the lease.
 */
@Liveness
@ApplicationScoped
public class OperatorLiveness implements HealthCheck {

  static final String NAME = "camrec-informers";

  private final StoppedInformers stopped;

  public OperatorLiveness(StoppedInformers stopped) {
    this.stopped = stopped;
  }

  @Override
  public HealthCheckResponse call() {
    var kinds = stopped.kinds();
    if (kinds.isEmpty()) {
      return HealthCheckResponse.up(NAME);
    }
    return HealthCheckResponse.named(NAME)
        .down()
        .withData("stopped", "informers stopped on an error: " + String.join(", ", kinds))
        .build();
  }
}
