package dev.camrec.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** Storage that overrides the operator's default bucket for one camera. */
public record Storage(
    @Required
        @Pattern("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
        @JsonPropertyDescription("S3 bucket the recordings go to. It must exist.")
        String bucket,
    @Pattern("^https?://[^\\s/?#@]+(/\\S*)?$")
        @JsonPropertyDescription(
            "S3 endpoint URL, e.g. http://minio.storage:9000. Omitted: the operator's default"
                + " endpoint.")
        String endpoint,
    @JsonPropertyDescription("S3 region. Omitted: the operator's default region.") String region,
    @JsonPropertyDescription(
            "Secret with the access key pair for this bucket (keys accessKey and secretKey unless"
                + " renamed). Omitted: the operator's default credentials.")
        StorageCredentialsSecretRef credentialsSecretRef) {}
