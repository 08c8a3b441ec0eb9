package dev.camrec.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** The Secret, in the Camera's namespace, that holds the S3 access key pair. */
public record StorageCredentialsSecretRef(
    @Required
        @Pattern(ApiPatterns.OBJECT_NAME)
        @JsonPropertyDescription("Name of a Secret in the Camera's namespace.")
        String name,
    @Default(DEFAULT_ACCESS_KEY_KEY)
        @JsonPropertyDescription(
            "Key in the Secret whose value is the S3 access key. Default: accessKey.")
        String accessKeyKey,
    @Default(DEFAULT_SECRET_KEY_KEY)
        @JsonPropertyDescription(
            "Key in the Secret whose value is the S3 secret key. Default: secretKey.")
        String secretKeyKey) {

  public static final String DEFAULT_ACCESS_KEY_KEY = "accessKey";
  public static final String DEFAULT_SECRET_KEY_KEY = "secretKey";

  public StorageCredentialsSecretRef {
    accessKeyKey = accessKeyKey == null ? DEFAULT_ACCESS_KEY_KEY : accessKeyKey;
    secretKeyKey = secretKeyKey == null ? DEFAULT_SECRET_KEY_KEY : secretKeyKey;
  }
}
