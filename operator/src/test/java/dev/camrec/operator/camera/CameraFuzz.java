package dev.camrec.operator.camera;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * Camera specs as a careless or hostile user writes them to an API server that does not check our
 * schema: wrong JSON types, out-of-range numbers, huge strings, unknown fields, bad URLs and time
 * zones, missing Secrets, and valid ones among them. Each comes with what the operator must make of
 * it. Seeded, so a failing run can be replayed.
 */
final class CameraFuzz {

  /** Secrets that exist in the namespace: the default storage one and camera credentials. */
  static final String CAMERA_SECRET = "cam-creds";

  /**
   * A huge string, yet one that keeps the object's watch event in one 64 KiB WebSocket frame: the
   * fabric8 Vert.x client's limit, beyond which the watch stalls (found by this fuzz; the CRD's
   * size limits keep such objects out of a cluster with our schema).
   */
  private static final int HUGE = 50_000;

  private static final Set<String> READY = Set.of("RecorderReady");
  private static final Set<String> INVALID_SPEC = Set.of(SchemaChecks.INVALID_SPEC);

  /**
   * A spec (any JSON value, or absent when null) and what the Camera's Ready reason must become.
   *
   * @param deployment whether a recorder Deployment must exist (true), must not (false), or either
   */
  record Case(String kind, Object spec, Set<String> readyReasons, Boolean deployment) {}

  private final Random random;
  private final double invalidShare;
  private final List<Function<Random, Case>> valid = new ArrayList<>();
  private final List<Function<Random, Case>> invalid = new ArrayList<>();

  CameraFuzz(long seed, double invalidShare) {
    this.random = new Random(seed);
    this.invalidShare = invalidShare;
    valid.add(r -> ok("minimal", spec(source(url(r)))));
    valid.add(
        r -> {
          Map<String, Object> source = source(url(r));
          source.put("credentialsSecretRef", Map.of("name", CAMERA_SECRET));
          Map<String, Object> spec =
              spec(
                  source,
                  "recording",
                  Map.of(
                      "segmentSeconds",
                      2 + r.nextInt(3599),
                      "audio",
                      List.of("copy", "aac", "none").get(r.nextInt(3))));
          return ok("full", spec);
        });
    valid.add(
        r -> {
          Map<String, Object> spec = spec(source(url(r)));
          spec.put("colour", "red");
          spec.put("futureField", Map.of("nested", List.of(1, "two", Map.of())));
          spec.put("notes", "x".repeat(HUGE));
          return ok("unknownFields", spec);
        });
    valid.add(
        r ->
            ok(
                "allDaySchedule",
                spec(
                    source(url(r)),
                    "recording",
                    Map.of(
                        "schedule",
                        Map.of(
                            "timeZone",
                            "Europe/Paris",
                            "windows",
                            List.of(Map.of("start", "00:00", "end", "24:00")))))));
    valid.add(
        r ->
            new Case(
                "disabled",
                spec(source(url(r)), "recording", Map.of("enabled", false)),
                Set.of("Disabled"),
                null));

    // Wrong JSON types: the informer must never see these fail.
    wrongType("segmentSecondsString", recording("segmentSeconds", "ten"));
    wrongType("enabledString", recording("enabled", "yes"));
    wrongType("audioNumber", recording("audio", 5));
    wrongType("audioUnknown", recording("audio", "mp3"));
    wrongType("segmentSecondsOverflow", recording("segmentSeconds", 99_999_999_999L));
    wrongType("recordingList", r -> spec(source(url(r)), "recording", List.of(1, 2)));
    wrongType("sourceString", r -> Map.of("source", url(r)));
    wrongType("urlObject", r -> Map.of("source", Map.of("url", Map.of("host", "cam"))));
    wrongType("windowsObject", recording("schedule", Map.of("windows", Map.of("a", 1))));
    wrongType("nodeSelectorList", r -> spec(source(url(r)), "nodeSelector", List.of("a")));
    wrongType("tolerationsString", r -> spec(source(url(r)), "tolerations", "all"));
    wrongType(
        "credentialsString",
        r -> Map.of("source", Map.of("url", url(r), "credentialsSecretRef", "admin:hunter2")));
    wrongType("specString", r -> "rtsp://cam/stream");
    wrongType("specList", r -> List.of(url(r)));
    // Out of range, missing, huge: readable, but the code must not use them.
    for (int seconds : new int[] {0, 1, -5, 3601, Integer.MAX_VALUE}) {
      invalid(
          "segmentSeconds" + seconds, recording("segmentSeconds", seconds), INVALID_SPEC, false);
    }
    invalid("noSpec", r -> null, INVALID_SPEC, false);
    invalid("emptySpec", r -> Map.of(), INVALID_SPEC, false);
    invalid("noUrl", r -> Map.of("source", Map.of()), INVALID_SPEC, false);
    invalid("hugeUrl", r -> spec(source("rtsp://cam/" + "a".repeat(HUGE))), INVALID_SPEC, false);
    invalid(
        "hugeTimeZone",
        recording("schedule", schedule("A/" + "b".repeat(HUGE), "08:00", "18:00")),
        INVALID_SPEC,
        false);
    invalid(
        "hugeSecretName",
        r ->
            Map.of(
                "source",
                Map.of("url", url(r), "credentialsSecretRef", Map.of("name", "s".repeat(10_000)))),
        INVALID_SPEC,
        false);
    invalid(
        "windowWithoutStart",
        recording("schedule", Map.of("windows", List.of(Map.of("end", "10:00")))),
        INVALID_SPEC,
        false);
    invalid(
        "storageWithoutBucket",
        r -> spec(source(url(r)), "storage", Map.of("endpoint", "http://s3.local")),
        INVALID_SPEC,
        false);
    // Bad time zones and times: the schedule's own reason.
    for (String zone : new String[] {"Mars/Olympus_Mons", "", "utc+5"}) {
      invalid(
          "timeZone" + zone,
          recording("schedule", schedule(zone, "08:00", "18:00")),
          Set.of("InvalidSchedule"),
          null);
    }
    invalid(
        "windowAt25",
        recording("schedule", schedule("UTC", "25:00", "26:00")),
        Set.of("InvalidSchedule"),
        null);
    // Missing Secrets.
    invalid(
        "missingCameraSecret",
        r ->
            Map.of(
                "source",
                Map.of("url", url(r), "credentialsSecretRef", Map.of("name", "no-such-secret"))),
        Set.of("SecretNotFound"),
        null);
    invalid(
        "missingStorageSecret",
        r ->
            spec(
                source(url(r)),
                "storage",
                Map.of("bucket", "elsewhere", "credentialsSecretRef", Map.of("name", "no-keys"))),
        Set.of("SecretNotFound"),
        null);
    // Bad URLs: the schema's pattern and CEL rule reject them; what the status says of them is
    // the source check's (InvalidSource), until then the recorder reports it.
    for (String url :
        new String[] {"ftp://cam/s", "not a url", "rtsp://", "rtsp://admin:hunter2@cam/s", ""}) {
      invalid("badUrl", r -> spec(source(url)), Set.of("RecorderReady", "InvalidSource"), null);
    }
  }

  /** The next spec: invalid with the share given, else valid. */
  Case next() {
    List<Function<Random, Case>> from = random.nextDouble() < invalidShare ? invalid : valid;
    return from.get(random.nextInt(from.size())).apply(random);
  }

  Random random() {
    return random;
  }

  private void wrongType(String kind, Function<Random, Object> spec) {
    invalid(kind, spec, INVALID_SPEC, false);
  }

  private void invalid(
      String kind, Function<Random, Object> spec, Set<String> reasons, Boolean deployment) {
    invalid.add(r -> new Case(kind, spec.apply(r), reasons, deployment));
  }

  private static Case ok(String kind, Object spec) {
    return new Case(kind, spec, READY, true);
  }

  private static Function<Random, Object> recording(String field, Object value) {
    return r -> spec(source(url(r)), "recording", Map.of(field, value));
  }

  private static Map<String, Object> schedule(String zone, String start, String end) {
    return Map.of("timeZone", zone, "windows", List.of(Map.of("start", start, "end", end)));
  }

  private static String url(Random r) {
    return "rtsp://10.9." + r.nextInt(250) + "." + r.nextInt(250) + "/stream";
  }

  private static Map<String, Object> source(String url) {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("url", url);
    return source;
  }

  private static Map<String, Object> spec(Map<String, Object> source, Object... more) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("source", source);
    for (int i = 0; i < more.length; i += 2) {
      spec.put((String) more[i], more[i + 1]);
    }
    return spec;
  }
}
