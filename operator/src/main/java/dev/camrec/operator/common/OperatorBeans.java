package dev.camrec.operator.common;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
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

  @Produces
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }
}
