package dev.camrec.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mistakes a user can make, each caught by the CRD schema or its CEL rules with the message kubectl
 * would print (after {@code The Camera "x" is invalid: }).
 */
class RejectedManifestsTest {

  private static final String CAMERA = "camera-with-credentials.yaml";
  private static final String WEEKDAY_CAMERA = "camera-weekday-schedule.yaml";
  private static final String POLICY = "retention-policy.yaml";
  private static final String CLIP = "clip-request.yaml";

  static Stream<Arguments> badManifests() {
    return Stream.of(
        camera("missing url", m -> source(m).remove("url"), "spec.source.url: Required value"),
        camera(
            "name of 38 characters",
            m -> metadata(m).put("name", "warehouse-north-loading-bay-camera-038"),
            "<nil>: Invalid value: \"object\": a Camera name may have at most 37 characters: the"
                + " name of its recorder pod, <name>-recorder-<hash of up to 10>-<5 random>, is the"
                + " pod's hostname and must fit in 63"),
        camera(
            "ftp url",
            m -> source(m).put("url", "ftp://192.168.10.21/stream"),
            "spec.source.url: Invalid value: \"ftp://192.168.10.21/stream\": spec.source.url in"
                + " body should match '^(rtsp|rtsps|http|https)://[^\\s/?#]+\\S*$'"),
        camera(
            "credentials in the url",
            m -> source(m).put("url", "rtsp://admin:secret@192.168.10.21:554/stream"),
            "spec.source.url: Forbidden: url must not contain credentials (user:password@); put"
                + " them in the Secret named by credentialsSecretRef"),
        camera(
            "user name alone in the url",
            m -> source(m).put("url", "http://admin@192.168.10.40/video.mjpg"),
            "spec.source.url: Forbidden: url must not contain credentials"),
        camera(
            "segmentSeconds 0",
            m -> recording(m).put("segmentSeconds", 0),
            "spec.recording.segmentSeconds: Invalid value: 0: spec.recording.segmentSeconds in body"
                + " should be greater than or equal to 2"),
        camera(
            "segmentSeconds 4000",
            m -> recording(m).put("segmentSeconds", 4000),
            "spec.recording.segmentSeconds: Invalid value: 4000: spec.recording.segmentSeconds in"
                + " body should be less than or equal to 3600"),
        camera(
            "segmentSeconds as text",
            m -> recording(m).put("segmentSeconds", "60s"),
            "spec.recording.segmentSeconds: Invalid value: \"60s\": spec.recording.segmentSeconds"
                + " in body must be of type integer: \"string\""),
        camera(
            "unknown audio mode",
            m -> recording(m).put("audio", "mp3"),
            "spec.recording.audio: Unsupported value: \"mp3\": supported values: \"aac\","
                + " \"copy\", \"none\""),
        camera(
            "misspelt field",
            m -> recording(m).put("segmentSecond", 30),
            "unknown field \"spec.recording.segmentSecond\""),
        scheduledCamera(
            "schedule 25:00",
            m -> window(m).put("end", "25:00"),
            "spec.recording.schedule.windows[0].end: Invalid value: \"25:00\":"
                + " spec.recording.schedule.windows[0].end in body should match"),
        scheduledCamera(
            "schedule 8:00 without the leading zero",
            m -> window(m).put("start", "8:00"),
            "spec.recording.schedule.windows[0].start: Invalid value: \"8:00\""),
        scheduledCamera(
            "empty window",
            m -> window(m).put("end", "08:00"),
            "spec.recording.schedule.windows[0]: Invalid value: \"object\": start and end must"
                + " differ; for a window running past midnight, set end before start"),
        scheduledCamera(
            "unknown weekday",
            m -> ((ArrayNode) window(m).get("days")).add("Monday"),
            "spec.recording.schedule.windows[0].days[5]: Unsupported value: \"Monday\""),
        scheduledCamera(
            "time zone without its area",
            m -> schedule(m).put("timeZone", "Paris"),
            "spec.recording.schedule.timeZone: Invalid value: \"Paris\":"
                + " spec.recording.schedule.timeZone in body should match"),
        scheduledCamera(
            "time zone as an offset",
            m -> schedule(m).put("timeZone", "+01:00"),
            "spec.recording.schedule.timeZone: Invalid value: \"+01:00\""),
        policy(
            "negative maxAge",
            m -> spec(m).put("maxAge", "-7d"),
            "spec.maxAge: Invalid value: \"-7d\": spec.maxAge in body should match"
                + " '^[1-9][0-9]*[mhd]$'"),
        policy(
            "maxAge in weeks",
            m -> spec(m).put("maxAge", "1w"),
            "spec.maxAge: Invalid value: \"1w\""),
        policy(
            "maxBytes with a space",
            m -> spec(m).put("maxBytes", "50 GB"),
            "spec.maxBytes: Invalid value: \"50 GB\": spec.maxBytes in body should match"),
        policy(
            "neither maxAge nor maxBytes",
            m -> spec(m).remove(List.of("maxAge", "maxBytes")),
            "spec: Required value: set maxAge, maxBytes or both: a policy without either would"
                + " never delete anything"),
        policy(
            "cron with four fields",
            m -> spec(m).put("schedule", "0 * * *"),
            "spec.schedule: Invalid value: \"0 * * *\""),
        clip(
            "clip end before start",
            m -> spec(m).put("end", "2026-03-02T08:00:00Z"),
            "spec.end: Invalid value: \"object\": end must be after start"),
        clip(
            "clip of 3 days",
            m -> spec(m).put("end", "2026-03-05T08:15:00Z"),
            "spec.end: Invalid value: \"object\": a clip may span at most 24h; request several"
                + " clips for longer ranges"),
        clip(
            "clip start without a zone",
            m -> spec(m).put("start", "2026-03-02 08:15"),
            "spec.start: Invalid value: \"2026-03-02 08:15\""),
        clip("clip without a camera", m -> spec(m).remove("camera"), "spec.camera: Required value"),
        clip(
            "clip with an unknown gap policy",
            m -> spec(m).put("onGap", "Skip"),
            "spec.onGap: Unsupported value: \"Skip\": supported values: \"Concatenate\","
                + " \"Fail\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badManifests")
  void isRejectedWithAMessageThatSaysWhy(
      String mistake, String file, String kind, Consumer<ObjectNode> change, String message) {
    ObjectNode manifest = Examples.document(file, kind);
    assertThat(CrdValidator.forKind(kind).validateCreate(manifest))
        .as("the unchanged example is valid")
        .isEmpty();

    change.accept(manifest);

    assertThat(CrdValidator.forKind(kind).validateCreate(manifest))
        .singleElement()
        .asString()
        .startsWith(message);
  }

  @Test
  void aClipRequestsSpecCannotChange() {
    ObjectNode stored = Examples.document(CLIP, "ClipRequest");
    ObjectNode changed = stored.deepCopy();
    spec(changed).put("end", "2026-03-02T08:35:00Z");

    assertThat(CrdValidator.forKind("ClipRequest").validateUpdate(changed, stored))
        .containsExactly(
            "spec: Invalid value: \"object\": spec is immutable; delete this ClipRequest and create"
                + " a new one");
  }

  @Test
  void aClipRequestsStatusCanChange() {
    ObjectNode stored = Examples.document(CLIP, "ClipRequest");
    ObjectNode updated = stored.deepCopy();
    updated.putObject("status").put("objectKey", "clips/default/front-door-delivery-1234.mp4");

    assertThat(CrdValidator.forKind("ClipRequest").validateUpdate(updated, stored)).isEmpty();
  }

  @Test
  void aCameraMayChangeOnUpdate() {
    ObjectNode stored = Examples.document(CAMERA, "Camera");
    ObjectNode changed = stored.deepCopy();
    recording(changed).put("segmentSeconds", 10);

    assertThat(CrdValidator.forKind("Camera").validateUpdate(changed, stored)).isEmpty();
  }

  @Test
  void aCameraNameOf37CharactersIsAccepted() {
    ObjectNode camera = Examples.document(CAMERA, "Camera");
    metadata(camera).put("name", "warehouse-north-loading-bay-camera-37");

    assertThat(CrdValidator.forKind("Camera").validateCreate(camera)).isEmpty();
  }

  @Test
  void aWindowPastMidnightIsAccepted() {
    ObjectNode camera = Examples.document(WEEKDAY_CAMERA, "Camera");
    window(camera).put("start", "22:00").put("end", "06:00");

    assertThat(CrdValidator.forKind("Camera").validateCreate(camera)).isEmpty();
  }

  private static Arguments camera(String mistake, Consumer<ObjectNode> change, String message) {
    return Arguments.of(mistake, CAMERA, "Camera", change, message);
  }

  private static Arguments scheduledCamera(
      String mistake, Consumer<ObjectNode> change, String message) {
    return Arguments.of(mistake, WEEKDAY_CAMERA, "Camera", change, message);
  }

  private static Arguments policy(String mistake, Consumer<ObjectNode> change, String message) {
    return Arguments.of(mistake, POLICY, "RetentionPolicy", change, message);
  }

  private static Arguments clip(String mistake, Consumer<ObjectNode> change, String message) {
    return Arguments.of(mistake, CLIP, "ClipRequest", change, message);
  }

  private static ObjectNode metadata(JsonNode manifest) {
    return (ObjectNode) manifest.get("metadata");
  }

  private static ObjectNode spec(JsonNode manifest) {
    return (ObjectNode) manifest.get("spec");
  }

  private static ObjectNode source(JsonNode manifest) {
    return (ObjectNode) spec(manifest).get("source");
  }

  private static ObjectNode recording(JsonNode manifest) {
    return (ObjectNode) spec(manifest).get("recording");
  }

  private static ObjectNode schedule(JsonNode manifest) {
    return (ObjectNode) recording(manifest).get("schedule");
  }

  private static ObjectNode window(JsonNode manifest) {
    return (ObjectNode) schedule(manifest).get("windows").get(0);
  }
}
