package dev.camrec.recorder.retention;

import static dev.camrec.contract.env.RetentionEnv.*;

import dev.camrec.contract.env.CommonEnv;
import dev.camrec.contract.env.StoreEnv;
import dev.camrec.contract.store.StoreSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A run's configuration as the operator writes it into the Job's environment ({@link
 * dev.camrec.contract.env.RetentionEnv}). Names are checked to be Kubernetes object names: a name
 * holding a slash (or empty) would widen the prefix the run deletes under.
 */
public record RetentionConfig(
    String namespace, RetentionLimits limits, boolean dryRun, List<RetentionTarget> targets) {

  private static final Pattern OBJECT_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  public RetentionConfig {
    targets = List.copyOf(targets);
  }

  /** Throws IllegalArgumentException naming the variable that is missing or wrong. */
  public static RetentionConfig fromEnv(Map<String, String> env) {
    String namespace = required(env, CommonEnv.NAMESPACE);
    if (!NAMESPACE.matcher(namespace).matches()) {
      throw new IllegalArgumentException(CommonEnv.NAMESPACE + " is not a namespace name");
    }
    RetentionLimits limits =
        new RetentionLimits(
            optionalLong(env, MAX_AGE_SECONDS).map(Duration::ofSeconds),
            optionalLong(env, MAX_BYTES));
    boolean dryRun = Boolean.parseBoolean(env.getOrDefault(DRY_RUN, "false").trim());
    int count = optionalLong(env, TARGETS).orElse(1L).intValue();
    List<RetentionTarget> targets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      targets.add(target(env, i));
    }
    return new RetentionConfig(namespace, limits, dryRun, targets);
  }

  private static RetentionTarget target(Map<String, String> env, int i) {
    List<String> cameras =
        Arrays.stream(env.getOrDefault(ofTarget(CAMERAS, i), "").split(","))
            .map(String::trim)
            .filter(c -> !c.isEmpty())
            .toList();
    for (String camera : cameras) {
      if (!OBJECT_NAME.matcher(camera).matches()) {
        throw new IllegalArgumentException(
            ofTarget(CAMERAS, i) + " holds a name that is not a Camera name: " + camera);
      }
    }
    // The target's variables under the plain names, so StoreSettings reads them as usual.
    Map<String, String> plain = new HashMap<>();
    for (String name :
        List.of(
            StoreEnv.S3_ENDPOINT,
            StoreEnv.S3_REGION,
            StoreEnv.S3_BUCKET,
            StoreEnv.S3_ACCESS_KEY,
            StoreEnv.S3_SECRET_KEY)) {
      String value = env.get(ofTarget(name, i));
      if (value != null && !value.isBlank()) {
        plain.put(name, value);
      }
    }
    String where =
        "bucket "
            + required(plain, StoreEnv.S3_BUCKET, ofTarget(StoreEnv.S3_BUCKET, i))
            + " at "
            + required(plain, StoreEnv.S3_ENDPOINT, ofTarget(StoreEnv.S3_ENDPOINT, i));
    boolean keyPair =
        plain.containsKey(StoreEnv.S3_ACCESS_KEY) && plain.containsKey(StoreEnv.S3_SECRET_KEY);
    return new RetentionTarget(
        where, keyPair ? Optional.of(StoreSettings.fromEnv(plain)) : Optional.empty(), cameras);
  }

  private static String required(Map<String, String> env, String name) {
    return required(env, name, name);
  }

  private static String required(Map<String, String> env, String name, String shownAs) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing " + shownAs);
    }
    return value.trim();
  }

  private static Optional<Long> optionalLong(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is not a whole number: " + value.trim());
    }
  }
}
