package dev.camrec.operator.common;

import dev.camrec.contract.store.StoreSettings;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** An S3 access key pair read from a Secret, for the operator's own look at a bucket. */
public record StorageCredentials(String accessKey, String secretKey) {

  /** The pair under the storage's keys of the Secret; empty when the Secret lacks either. */
  public static Optional<StorageCredentials> from(Secret secret, EffectiveStorage storage) {
    if (secret == null) {
      return Optional.empty();
    }
    Optional<String> access = value(secret, storage.accessKeyKey());
    Optional<String> key = value(secret, storage.secretKeyKey());
    return access.isPresent() && key.isPresent()
        ? Optional.of(new StorageCredentials(access.get(), key.get()))
        : Optional.empty();
  }

  /** Where to connect with these credentials. */
  public StoreSettings at(EffectiveStorage storage) {
    return new StoreSettings(
        storage.endpoint(), storage.region(), storage.bucket(), accessKey, secretKey);
  }

  /** data is base64 (what the API server returns); stringData only in objects not yet stored. */
  private static Optional<String> value(Secret secret, String key) {
    if (secret.getData() != null && secret.getData().get(key) != null) {
      return Optional.of(
          new String(
              Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8));
    }
    return Optional.ofNullable(
        secret.getStringData() == null ? null : secret.getStringData().get(key));
  }

  @Override
  public String toString() {
    return "StorageCredentials[accessKey=" + accessKey + ", secretKey=***]";
  }
}
