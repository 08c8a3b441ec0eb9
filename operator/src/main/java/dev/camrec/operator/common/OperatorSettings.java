package dev.camrec.operator.common;

import java.time.Duration;
import java.util.List;

/**
 * The operator configuration as plain values, so reconcilers and dependents can be built by CDI
 * (from {@link CamrecConfig}) and by tests alike.
 */
public record OperatorSettings(
    String recorderImage,
    String recorderImagePullPolicy,
    List<String> recorderImagePullSecrets,
    String defaultSpoolSizeLimit,
    int uploadGraceSeconds,
    int inputTimeoutSeconds,
    Duration clockTolerance,
    String storageEndpoint,
    String storageRegion,
    String storageBucket,
    String storageCredentialsSecret,
    boolean createBucket,
    Duration minPollInterval) {

  public static OperatorSettings from(CamrecConfig config) {
    CamrecConfig.Recorder r = config.recorder();
    CamrecConfig.Storage s = config.storage();
    return new OperatorSettings(
        r.image(),
        r.imagePullPolicy(),
        r.imagePullSecrets().orElse(List.of()),
        r.spoolSizeLimit(),
        r.uploadGraceSeconds(),
        r.inputTimeoutSeconds(),
        r.clockTolerance(),
        s.endpoint(),
        s.region(),
        s.bucket(),
        s.credentialsSecret(),
        s.createBucket(),
        s.minPollInterval());
  }
}
