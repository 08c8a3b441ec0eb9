package dev.camrec.operator.camera;

import dev.camrec.api.Camera;
import dev.camrec.contract.source.SourceUrl;
import dev.camrec.operator.camera.CameraStatusAggregator.SpecProblem;
import java.util.Optional;

/**
 * The source URL checks the CRD schema makes (scheme pattern, the CEL rule against credentials),
 * made again with {@link SourceUrl}: an API server that does not run them (a cluster whose CRDs
 * were not upgraded, the sandbox) lets such a URL through, and a recorder started on it would
 * crash-loop, or find the password in its pod spec. A Camera that fails gets InvalidSource and no
 * recorder ({@link RecorderMayRun}).
 */
final class SourceUrlCheck {

  static final String INVALID_SOURCE = "InvalidSource";

  private SourceUrlCheck() {}

  static Optional<SpecProblem> problem(Camera camera) {
    String url = camera.getSpec().source() == null ? null : camera.getSpec().source().url();
    return SourceUrl.problem(url)
        .map(
            p ->
                new SpecProblem(
                    INVALID_SOURCE,
                    switch (p) {
                      case MISSING -> "spec.source.url is empty; set the camera's stream URL.";
                      case NOT_A_URL -> "spec.source.url is not a valid URL.";
                      case UNSUPPORTED_SCHEME ->
                          "spec.source.url has "
                              + schemeWords(url)
                              + "; use rtsp://, rtsps://, http:// or https://.";
                      case CREDENTIALS ->
                          "spec.source.url carries a user name or password; remove them from the"
                              + " URL and name a Secret with keys username and password in"
                              + " spec.source.credentialsSecretRef.";
                      case NO_HOST ->
                          "spec.source.url has no host; write it as SCHEME://HOST/PATH.";
                    }));
  }

  private static String schemeWords(String url) {
    String scheme = SourceUrl.scheme(url);
    return scheme.isEmpty() ? "no scheme" : "the unsupported scheme " + scheme;
  }
}
