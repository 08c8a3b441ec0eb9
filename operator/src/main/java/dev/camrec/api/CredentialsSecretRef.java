package dev.camrec.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** The Secret, in the Camera's namespace, that holds the camera's user name and password. */
public record CredentialsSecretRef(
    @Required
        @Pattern(ApiPatterns.OBJECT_NAME)
        @JsonPropertyDescription("Name of a Secret in the Camera's namespace.")
        String name,
    @Default(DEFAULT_USERNAME_KEY)
        @JsonPropertyDescription(
            "Key in the Secret whose value is the user name. Default: username.")
        String usernameKey,
    @Default(DEFAULT_PASSWORD_KEY)
        @JsonPropertyDescription(
            "Key in the Secret whose value is the password. Default: password.")
        String passwordKey) {

  public static final String DEFAULT_USERNAME_KEY = "username";
  public static final String DEFAULT_PASSWORD_KEY = "password";

  public CredentialsSecretRef {
    usernameKey = usernameKey == null ? DEFAULT_USERNAME_KEY : usernameKey;
    passwordKey = passwordKey == null ? DEFAULT_PASSWORD_KEY : passwordKey;
  }
}
