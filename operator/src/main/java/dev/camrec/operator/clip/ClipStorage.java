package dev.camrec.operator.clip;

import dev.camrec.api.StorageCredentialsSecretRef;
import dev.camrec.contract.env.StoreEnv;
import dev.camrec.operator.common.EffectiveStorage;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where a clip was stored: read back from its Job's environment, which named the storage when the
 * clip was cut. The Camera may since have moved to another bucket, or been deleted; the clip is
 * still where the Job put it.
 */
final class ClipStorage {

  private ClipStorage() {}

  static Optional<EffectiveStorage> ofJob(Job job) {
    List<EnvVar> env = job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
    Map<String, EnvVar> byName =
        env.stream().collect(Collectors.toMap(EnvVar::getName, Function.identity(), (a, b) -> a));
    EnvVar endpoint = byName.get(StoreEnv.S3_ENDPOINT);
    EnvVar bucket = byName.get(StoreEnv.S3_BUCKET);
    EnvVar access = byName.get(StoreEnv.S3_ACCESS_KEY);
    EnvVar secret = byName.get(StoreEnv.S3_SECRET_KEY);
    if (endpoint == null || bucket == null || !fromSecret(access) || !fromSecret(secret)) {
      return Optional.empty();
    }
    EnvVar region = byName.get(StoreEnv.S3_REGION);
    return Optional.of(
        new EffectiveStorage(
            endpoint.getValue(),
            region == null ? StoreEnv.DEFAULT_REGION : region.getValue(),
            bucket.getValue(),
            access.getValueFrom().getSecretKeyRef().getName(),
            keyOr(access, StorageCredentialsSecretRef.DEFAULT_ACCESS_KEY_KEY),
            keyOr(secret, StorageCredentialsSecretRef.DEFAULT_SECRET_KEY_KEY),
            false));
  }

  private static boolean fromSecret(EnvVar v) {
    return v != null && v.getValueFrom() != null && v.getValueFrom().getSecretKeyRef() != null;
  }

  private static String keyOr(EnvVar v, String fallback) {
    String key = v.getValueFrom().getSecretKeyRef().getKey();
    return key == null ? fallback : key;
  }
}
