package dev.camrec.contract.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which camera URLs camrec records: the schemes FFmpeg is meant to read for a camera, and never
 * credentials in the URL (they would reach the pod spec, FFmpeg's argv and its messages; they come
 * from a Secret). The operator checks it to refuse a Camera, the recorder to refuse to start; each
 * words the problem for its reader, and neither repeats the URL, which may hold a password.
 */
public final class SourceUrl {

  public static final Set<String> SCHEMES = Set.of("rtsp", "rtsps", "http", "https");

  /** What is wrong with a URL. */
  public enum Problem {
    MISSING,
    NOT_A_URL,
    UNSUPPORTED_SCHEME,
    CREDENTIALS,
    NO_HOST
  }

  private SourceUrl() {}

  public static Optional<Problem> problem(String url) {
    if (url == null || url.isBlank()) {
      return Optional.of(Problem.MISSING);
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      return Optional.of(Problem.NOT_A_URL);
    }
    if (!SCHEMES.contains(scheme(uri))) {
      return Optional.of(Problem.UNSUPPORTED_SCHEME);
    }
    if (uri.getRawUserInfo() != null
        || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
      return Optional.of(Problem.CREDENTIALS);
    }
    if (uri.getHost() == null) {
      return Optional.of(Problem.NO_HOST);
    }
    return Optional.empty();
  }

  /** The URL's scheme in lower case, or "" when it has none: safe to show, unlike the URL. */
  public static String scheme(String url) {
    try {
      return scheme(new URI(url.strip()));
    } catch (URISyntaxException | NullPointerException e) {
      return "";
    }
  }

  private static String scheme(URI uri) {
    return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
  }
}
