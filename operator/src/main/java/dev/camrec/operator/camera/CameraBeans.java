package dev.camrec.operator.camera;

import dev.camrec.operator.common.OperatorSettings;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** CDI producers for the Camera controller's collaborators. */
public class CameraBeans {

  @Produces
  @Singleton
  StorageProbe storageProbe(OperatorSettings settings) {
    return new StorageProbe(settings.minPollInterval());
  }

  void close(@Disposes StorageProbe probe) {
    probe.close();
  }
}
