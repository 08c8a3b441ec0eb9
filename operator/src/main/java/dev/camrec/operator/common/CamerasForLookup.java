package dev.camrec.operator.common;

import dev.camrec.api.Camera;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * For an informer on Cameras that another controller keeps to look them up (retention selects
 * Cameras by label): it reads a Camera's metadata and spec, never its status. So its cache holds
 * Cameras without status, and a change of status alone, which every Camera has once a segment, does
 * not wake it (before, every Camera's new segment reconciled every RetentionPolicy of its
 * namespace). Each informer on Cameras is a copy of every Camera; at thousands of Cameras the
 * status is most of it. Not yet used for the clip controller's informer: with it, three clip
 * mock-server tests timed out, a cause not found yet (bench/RESULTS.md, operator-scale).
 */
public final class CamerasForLookup implements ItemStore<Camera> {

  private final BasicItemStore<Camera> cameras = new BasicItemStore<>(Cache::metaNamespaceKeyFunc);

  /** Passes an update only when what lookups read changed: the spec or the labels. */
  public static final OnUpdateFilter<Camera> SPEC_OR_LABELS_CHANGED =
      (updated, old) ->
          !Objects.equals(updated.getMetadata().getGeneration(), old.getMetadata().getGeneration())
              || !Objects.equals(updated.getSpec(), old.getSpec())
              || !Objects.equals(updated.getMetadata().getLabels(), old.getMetadata().getLabels());

  @Override
  public String getKey(Camera camera) {
    return cameras.getKey(camera);
  }

  @Override
  public Camera put(String key, Camera camera) {
    camera.setStatus(null);
    camera.getMetadata().setManagedFields(null);
    return cameras.put(key, camera);
  }

  @Override
  public Camera remove(String key) {
    return cameras.remove(key);
  }

  @Override
  public Stream<String> keySet() {
    return cameras.keySet();
  }

  @Override
  public Stream<Camera> values() {
    return cameras.values();
  }

  @Override
  public int size() {
    return cameras.size();
  }

  @Override
  public Camera get(String key) {
    return cameras.get(key);
  }
}
