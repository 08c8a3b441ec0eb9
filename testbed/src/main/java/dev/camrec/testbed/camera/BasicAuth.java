package dev.camrec.testbed.camera;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** HTTP Basic credentials as a camera checks them (RTSP and HTTP share the scheme). */
record BasicAuth(String username, String password) {
  static final String CHALLENGE = "Basic realm=\"camrec-simulated-camera\"";

  /** True when the Authorization header value carries these credentials. */
  boolean accepts(String authorizationHeader) {
    if (authorizationHeader == null
        || !authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String expected =
        Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    return authorizationHeader.substring(6).trim().equals(expected);
  }

  @Override
  public String toString() {
    return "BasicAuth[username=" + username + ", password=***]";
  }
}
