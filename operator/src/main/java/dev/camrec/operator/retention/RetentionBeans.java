package dev.camrec.operator.retention;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** CDI producers for the RetentionPolicy controller's collaborators. */
public class RetentionBeans {

  @Produces
  @Singleton
  RetentionSettings retentionSettings(RetentionConfig config) {
    return RetentionSettings.from(config);
  }
}
