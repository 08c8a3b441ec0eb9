package dev.camrec.operator.common;

import dev.camrec.api.Camera;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * For the informers on Cameras that other controllers keep to look them up (retention selects
 * Cameras by label, clips look up where a Camera records): they read a Camera's metadata and spec,
 * never its status. So their caches hold Cameras without status, and a change of status alone,
 * which every Camera has once a segment, wakes none of them (before, every Camera's new segment
 * reconciled every RetentionPolicy of its namespace). Each informer on Cameras is a copy of every
 * Camera; at thousands of Cameras the status is most of it.
 */
public final class CamerasForLookup implements ItemStore<Camera> {

  private final BasicItemStore<Camera> cameras = new BasicItemStore<>(Cache::metaNamespaceKeyFunc);

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
