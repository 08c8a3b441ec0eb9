package dev.camrec.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Where the camera's stream comes from. */
@ValidationRule(
    value = "!self.url.matches('^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]*@')",
    message =
        "url must not contain credentials (user:password@); put them in the Secret named by"
            + " credentialsSecretRef",
    reason = "FieldValueForbidden",
    fieldPath = ".url")
public record CameraSource(
    @Required
        @Size(min = 8, max = 2048)
        @Pattern("^(rtsp|rtsps|http|https)://[^\\s/?#]+\\S*$")
        @JsonPropertyDescription(
            "Stream URL: rtsp:// or rtsps:// (H.264/H.265, stream copy), or http(s):// for MJPEG or"
                + " MPEG-TS. No user name or password here: use credentialsSecretRef.")
        String url,
    @JsonPropertyDescription(
            "Secret with the camera's user name and password (keys username and password unless"
                + " renamed). Omit for cameras without authentication.")
        CredentialsSecretRef credentialsSecretRef) {}
