package dev.camrec.operator.common;

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

  @Produces
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }
}
