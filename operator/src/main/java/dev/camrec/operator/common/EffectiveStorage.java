package dev.camrec.operator.common;

import dev.camrec.api.Camera;
import dev.camrec.api.Storage;
import dev.camrec.api.StorageCredentialsSecretRef;

/**
 * Where one camera's segments go: the Camera's spec.storage where set, the operator's default
 * storage for the rest. Only the default bucket may be created by the operator; a Camera's own
 * bucket "must exist" (API docs).
 */
public record EffectiveStorage(
    String endpoint,
    String region,
    String bucket,
    String secretName,
    String accessKeyKey,
    String secretKeyKey,
    boolean mayCreateBucket) {

  public static EffectiveStorage of(Camera camera, OperatorSettings settings) {
    Storage own = camera.getSpec().storage();
    StorageCredentialsSecretRef ref = own == null ? null : own.credentialsSecretRef();
    String secretName = ref == null ? settings.storageCredentialsSecret() : ref.name();
    String accessKeyKey =
        ref == null ? StorageCredentialsSecretRef.DEFAULT_ACCESS_KEY_KEY : ref.accessKeyKey();
    String secretKeyKey =
        ref == null ? StorageCredentialsSecretRef.DEFAULT_SECRET_KEY_KEY : ref.secretKeyKey();
    if (own == null) {
      return new EffectiveStorage(
          settings.storageEndpoint(),
          settings.storageRegion(),
          settings.storageBucket(),
          secretName,
          accessKeyKey,
          secretKeyKey,
          settings.createBucket());
    }
    return new EffectiveStorage(
        own.endpoint() == null ? settings.storageEndpoint() : own.endpoint(),
        own.region() == null ? settings.storageRegion() : own.region(),
        own.bucket(),
        secretName,
        accessKeyKey,
        secretKeyKey,
        false);
  }
}
