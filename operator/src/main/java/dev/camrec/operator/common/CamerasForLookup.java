package dev.camrec.operator.common;

import dev.camrec.api.Camera;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Objects;

/**
 * For the informers on Cameras that other controllers keep to look them up (retention selects
 * Cameras by label, clips look up where a Camera records): they read a Camera's metadata and spec,
 * never its status. So their caches hold Cameras without status, and a change of status alone,
 * which every Camera has once a segment, wakes none of them (before, every Camera's new segment
 * reconciled every RetentionPolicy of its namespace). Each informer on Cameras is a copy of every
 * Camera; at thousands of Cameras the status is most of it.
 *
 * <p>The lookup caches also hold one object per Camera between them: trimmed alike, a Camera at one
 * resourceVersion is the same for each, and a second copy of every Camera is ~1.5 KB more per
 * Camera (15 MB at 10,000, bench/operator-scale.sh).
 */
public final class CamerasForLookup extends TrimmedCache<Camera> {

  /**
   * Passes an update only when the metadata or spec changed: the spec and labels are what lookups
   * read, and an annotation is how a person (or a test) nudges the controllers to look again.
   */
  public static final OnUpdateFilter<Camera> METADATA_OR_SPEC_CHANGED =
      (updated, old) ->
          !Objects.equals(updated.getMetadata().getGeneration(), old.getMetadata().getGeneration())
              || !Objects.equals(updated.getSpec(), old.getSpec())
              || !Objects.equals(updated.getMetadata().getLabels(), old.getMetadata().getLabels())
              || !Objects.equals(
                  updated.getMetadata().getAnnotations(), old.getMetadata().getAnnotations());

  private static final SharedObjects<Camera> SHARED = new SharedObjects<>();

  public CamerasForLookup() {
    super(camera -> camera.setStatus(null), SHARED::heldFor);
  }
}
