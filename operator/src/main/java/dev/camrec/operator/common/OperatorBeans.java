package dev.camrec.operator.common;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** CDI producers for the plain values the reconcilers are built from. */
public class OperatorBeans {

  @Produces
  @Singleton
  OperatorSettings settings(CamrecConfig config) {
    return OperatorSettings.from(config);
  }

  /** The Lease replicas of the operator compete for, in the operator's own namespace. */
  @Produces
  @Singleton
  LeaderElectionConfiguration leaderElection(CamrecConfig config) {
    return new LeaderElectionConfiguration(config.leaderElection().leaseName());
  }

  /**
   * JOSDK's reconcile metrics per controller, not per Camera: QOSDK's default tags every meter with
   * the resource's name, which at 10,000 Cameras is some 800,000 series (mostly histogram buckets)
   * held in the operator's heap and sent with every scrape.
   */
  @Produces
  @Singleton
  Metrics reconcileMetrics(MeterRegistry registry) {
    return MicrometerMetrics.withoutPerResourceMetrics(registry);
  }

  @Produces
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }
}
