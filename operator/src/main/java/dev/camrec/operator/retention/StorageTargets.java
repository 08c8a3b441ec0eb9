package dev.camrec.operator.retention;

import dev.camrec.api.Camera;
import dev.camrec.operator.camera.SchemaChecks;
import dev.camrec.operator.common.EffectiveStorage;
import dev.camrec.operator.common.OperatorSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The selected Cameras grouped by where their recordings go: the operator's default storage first
 * (most Cameras), then each other bucket, endpoint or key pair a Camera names in spec.storage. One
 * Job covers them all, each target with its own Secret (see {@link
 * dev.camrec.contract.env.RetentionEnv}). Sorted, so the CronJob only changes when the input does.
 */
final class StorageTargets {

  /** One storage target and its cameras, sorted by name. */
  record Target(EffectiveStorage storage, List<String> cameras) {}

  private StorageTargets() {}

  static List<Target> of(List<Camera> cameras, OperatorSettings settings) {
    Map<EffectiveStorage, List<String>> byStorage =
        new TreeMap<>(
            Comparator.comparing((EffectiveStorage s) -> !isDefault(s, settings))
                .thenComparing(EffectiveStorage::endpoint)
                .thenComparing(EffectiveStorage::bucket)
                .thenComparing(EffectiveStorage::region)
                .thenComparing(EffectiveStorage::secretName)
                .thenComparing(EffectiveStorage::accessKeyKey)
                .thenComparing(EffectiveStorage::secretKeyKey));
    for (Camera camera : cameras) {
      if (SchemaChecks.problem(camera).isPresent()) {
        // Its storage cannot be known from its spec; its recordings are pruned once it is fixed.
        continue;
      }
      // Whether the operator may create the bucket is no part of where recordings are.
      EffectiveStorage s = EffectiveStorage.of(camera, settings);
      EffectiveStorage where =
          new EffectiveStorage(
              s.endpoint(),
              s.region(),
              s.bucket(),
              s.secretName(),
              s.accessKeyKey(),
              s.secretKeyKey(),
              false);
      byStorage.computeIfAbsent(where, k -> new ArrayList<>()).add(camera.getMetadata().getName());
    }
    return byStorage.entrySet().stream()
        .map(e -> new Target(e.getKey(), e.getValue().stream().sorted().toList()))
        .toList();
  }

  private static boolean isDefault(EffectiveStorage s, OperatorSettings settings) {
    return s.endpoint().equals(settings.storageEndpoint())
        && s.bucket().equals(settings.storageBucket())
        && s.secretName().equals(settings.storageCredentialsSecret());
  }
}
