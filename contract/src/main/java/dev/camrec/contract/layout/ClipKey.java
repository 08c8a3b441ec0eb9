package dev.camrec.contract.layout;

/**
 * The one place that knows where a clip is stored: {@code clips/<namespace>/<name>-<uid>.mp4}. The
 * uid keeps a ClipRequest deleted and created again under the same name from meeting the old clip.
 * Retention never touches this prefix ({@link SegmentKey#RECORDINGS_PREFIX} only).
 */
public record ClipKey(String namespace, String name, String uid) {

  public static final String CLIPS_PREFIX = "clips/";

  public String objectKey() {
    return CLIPS_PREFIX + namespace + "/" + name + "-" + uid + ".mp4";
  }
}
