package dev.camrec.operator.common;

import java.util.LinkedHashMap;
import java.util.Map;

/** Labels the operator puts on what it creates, and selects its own objects by. */
public final class Labels {
  public static final String NAME = "app.kubernetes.io/name";
  public static final String INSTANCE = "app.kubernetes.io/instance";
  public static final String COMPONENT = "app.kubernetes.io/component";
  public static final String PART_OF = "app.kubernetes.io/part-of";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  /** The Camera a recorder pod belongs to; maps pods back to Cameras. */
  public static final String CAMERA = "camrec.dev/camera";

  /** The RetentionPolicy a retention CronJob, its Jobs and their pods belong to. */
  public static final String RETENTION_POLICY = "camrec.dev/retention-policy";

  public static final String MANAGED_BY_OPERATOR = "camrec-operator";
  public static final String RECORDER = "recorder";
  public static final String RETENTION = "retention";

  public static final String CLIP = "clip";

  /** Selector of every clip Job and its pods. */
  public static final String CLIP_SELECTOR =
      MANAGED_BY + "=" + MANAGED_BY_OPERATOR + "," + COMPONENT + "=" + CLIP;

  /** Selector of every recorder Deployment and pod this operator manages. */
  public static final String RECORDER_SELECTOR =
      MANAGED_BY + "=" + MANAGED_BY_OPERATOR + "," + COMPONENT + "=" + RECORDER;

  /** Selector of every retention CronJob, Job and pod this operator manages. */
  public static final String RETENTION_SELECTOR =
      MANAGED_BY + "=" + MANAGED_BY_OPERATOR + "," + COMPONENT + "=" + RETENTION;

  private Labels() {}

  /** Labels that select one camera's recorder pods (immutable in a Deployment). */
  public static Map<String, String> recorderSelector(String camera) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, "camrec-recorder");
    labels.put(INSTANCE, camera);
    return labels;
  }

  /** Labels of a clip Job and its pod. */
  public static Map<String, String> clip() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, "camrec-clip");
    labels.put(COMPONENT, CLIP);
    labels.put(PART_OF, "camrec");
    labels.put(MANAGED_BY, MANAGED_BY_OPERATOR);
    return labels;
  }

  /** All labels of one camera's recorder Deployment and pods. */
  public static Map<String, String> recorder(String camera) {
    Map<String, String> labels = recorderSelector(camera);
    labels.put(COMPONENT, RECORDER);
    labels.put(PART_OF, "camrec");
    labels.put(MANAGED_BY, MANAGED_BY_OPERATOR);
    labels.put(CAMERA, camera);
    return labels;
  }

  /** All labels of one policy's CronJob, copied to its Jobs and their pods. */
  public static Map<String, String> retention(String policy) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, "camrec-retention");
    labels.put(INSTANCE, policy);
    labels.put(COMPONENT, RETENTION);
    labels.put(PART_OF, "camrec");
    labels.put(MANAGED_BY, MANAGED_BY_OPERATOR);
    labels.put(RETENTION_POLICY, policy);
    return labels;
  }
}
