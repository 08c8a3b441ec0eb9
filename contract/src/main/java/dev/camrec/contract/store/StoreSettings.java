package dev.camrec.contract.store;

import dev.camrec.contract.env.StoreEnv;
import java.util.Map;

/** Where objects go: an S3 endpoint, region, bucket and access key pair. toString hides the key. */
public record StoreSettings(
    String endpoint, String region, String bucket, String accessKey, String secretKey) {

  /** From the {@link StoreEnv} variables; a missing one is named in the exception. */
  public static StoreSettings fromEnv(Map<String, String> env) {
    return new StoreSettings(
        required(env, StoreEnv.S3_ENDPOINT),
        env.getOrDefault(StoreEnv.S3_REGION, StoreEnv.DEFAULT_REGION),
        required(env, StoreEnv.S3_BUCKET),
        required(env, StoreEnv.S3_ACCESS_KEY),
        required(env, StoreEnv.S3_SECRET_KEY));
  }

  private static String required(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing " + name);
    }
    return value;
  }

  /** Where, for messages: endpoint and bucket, never the keys. */
  public String where() {
    return "bucket " + bucket + " at " + endpoint;
  }

  @Override
  public String toString() {
    return "StoreSettings[" + where() + ", region=" + region + ", accessKey=" + accessKey + "]";
  }
}
