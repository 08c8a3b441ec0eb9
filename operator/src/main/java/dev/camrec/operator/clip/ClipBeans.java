package dev.camrec.operator.clip;

import dev.camrec.operator.common.CamrecConfig;
import dev.camrec.operator.common.OperatorSettings;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** CDI producers for the ClipRequest controller's collaborators. */
public class ClipBeans {

  @Produces
  @Singleton
  ClipSettings clipSettings(CamrecConfig config) {
    return ClipSettings.from(config);
  }

  @Produces
  @Singleton
  ClipGate clipGate(OperatorSettings settings, Clock clock) {
    return new ClipGate(settings.uploadGraceSeconds(), clock);
  }

  @Produces
  @Singleton
  ClipJobSlots clipJobSlots(ClipSettings clips) {
    return new ClipJobSlots(clips.maxRunningJobs());
  }

  @Produces
  @Singleton
  ClipStore clipStore() {
    return new ClipStore();
  }

  void close(@Disposes ClipStore store) {
    store.close();
  }
}
