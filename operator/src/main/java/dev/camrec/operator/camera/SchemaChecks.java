package dev.camrec.operator.camera;

import dev.camrec.api.ApiPatterns;
import dev.camrec.api.Camera;
import dev.camrec.api.CameraSpec;
import dev.camrec.api.Recording;
import dev.camrec.api.TimeWindow;
import dev.camrec.operator.camera.CameraStatusAggregator.SpecProblem;
import java.util.Optional;

/**
 * The CRD schema's checks that the operator's code relies on, made again on the Camera as read: an
 * API server without our schema (or with an outdated one) stores any spec. A Camera that fails them
 * gets Ready=False with reason InvalidSpec naming the field, and no recorder; the rest of the code
 * may then take the spec's shape for granted.
 */
public final class SchemaChecks {

  public static final String INVALID_SPEC = "InvalidSpec";
  private static final int MAX_URL_LENGTH = 2048;
  private static final int MAX_WINDOWS = 50;
  // The longest zone ID in the JVM's database has 32 characters; the message then repeats it.
  private static final int MAX_TIME_ZONE_LENGTH = 64;

  private SchemaChecks() {}

  /** The first problem of the Camera's spec, or empty when the code can use it. */
  public static Optional<SpecProblem> problem(Camera camera) {
    if (camera.unreadableSpec().isPresent()) {
      return invalid(camera.unreadableSpec().get().message() + ".");
    }
    CameraSpec spec = camera.getSpec();
    if (spec == null) {
      return invalid("spec is missing; a Camera needs at least spec.source.url.");
    }
    if (spec.source() == null || spec.source().url() == null) {
      return invalid("spec.source.url is required.");
    }
    if (spec.source().url().length() > MAX_URL_LENGTH) {
      return invalid(
          "spec.source.url has "
              + spec.source().url().length()
              + " characters; at most "
              + MAX_URL_LENGTH
              + " are allowed.");
    }
    if (spec.source().credentialsSecretRef() != null) {
      Optional<SpecProblem> name =
          objectName(
              "spec.source.credentialsSecretRef.name", spec.source().credentialsSecretRef().name());
      if (name.isPresent()) return name;
    }
    if (spec.storage() != null) {
      if (spec.storage().bucket() == null) {
        return invalid("spec.storage.bucket is required when spec.storage is set.");
      }
      if (spec.storage().credentialsSecretRef() != null) {
        Optional<SpecProblem> name =
            objectName(
                "spec.storage.credentialsSecretRef.name",
                spec.storage().credentialsSecretRef().name());
        if (name.isPresent()) return name;
      }
    }
    return recording(spec.recording());
  }

  private static Optional<SpecProblem> recording(Recording recording) {
    int seconds = recording.segmentSeconds();
    if (seconds < Recording.MIN_SEGMENT_SECONDS || seconds > Recording.MAX_SEGMENT_SECONDS) {
      return invalid(
          "spec.recording.segmentSeconds is "
              + seconds
              + "; it must be "
              + Recording.MIN_SEGMENT_SECONDS
              + ".."
              + Recording.MAX_SEGMENT_SECONDS
              + ".");
    }
    if (recording.schedule() == null) {
      return Optional.empty();
    }
    String zone = recording.schedule().timeZone();
    if (zone.length() > MAX_TIME_ZONE_LENGTH) {
      return invalid(
          "spec.recording.schedule.timeZone has "
              + zone.length()
              + " characters; IANA zone names, e.g. Europe/Paris, have at most "
              + MAX_TIME_ZONE_LENGTH
              + ".");
    }
    var windows = recording.schedule().windows();
    if (windows.isEmpty() || windows.size() > MAX_WINDOWS) {
      return invalid(
          "spec.recording.schedule.windows has "
              + windows.size()
              + " windows; it needs 1.."
              + MAX_WINDOWS
              + ".");
    }
    for (int i = 0; i < windows.size(); i++) {
      TimeWindow w = windows.get(i);
      if (w.start() == null || w.end() == null) {
        return invalid(
            "spec.recording.schedule.windows[" + i + "] needs both start and end (HH:MM).");
      }
    }
    return Optional.empty();
  }

  private static Optional<SpecProblem> objectName(String field, String name) {
    if (name != null && name.length() <= 253 && name.matches(ApiPatterns.OBJECT_NAME)) {
      return Optional.empty();
    }
    return invalid(
        field + " must be the name of a Secret (lower case letters, digits, '-' and '.').");
  }

  private static Optional<SpecProblem> invalid(String message) {
    return Optional.of(new SpecProblem(INVALID_SPEC, message));
  }
}
