package dev.camrec.recorder.record;

import dev.camrec.contract.env.RecordEnv;
import dev.camrec.contract.source.SourceUrl;
import java.net.URI;
import java.util.Optional;

/** The camera URL the recorder accepts ({@link SourceUrl}), worded for its environment. */
final class SourceCheck {

  private SourceCheck() {}

  static Optional<String> problem(URI source) {
    String url = source == null ? null : source.toString();
    return SourceUrl.problem(url)
        .map(
            p ->
                switch (p) {
                  case MISSING -> "missing --source / " + RecordEnv.SOURCE_URL;
                  case NOT_A_URL -> RecordEnv.SOURCE_URL + " is not a valid URL";
                  case UNSUPPORTED_SCHEME ->
                      "the camera URL has the unsupported scheme '"
                          + SourceUrl.scheme(url)
                          + "'; use rtsp://, rtsps://, http:// or https://";
                  case CREDENTIALS ->
                      "the camera URL must not carry credentials; use "
                          + RecordEnv.SOURCE_USERNAME
                          + "/"
                          + RecordEnv.SOURCE_PASSWORD;
                  case NO_HOST -> "the camera URL has no host";
                });
  }
}
