package dev.camrec.sandbox.scale;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches the Cameras as {@code kubectl get cameras} would show them: how many say Ready=True and
 * Recording=True, and, while asked to, how long after a segment was stored {@code
 * status.lastSegmentTime} (the LAST SEGMENT column) showed it.
 */
final class CameraTally implements AutoCloseable {

  private final SegmentFeeder segments;
  private final Set<String> ready = ConcurrentHashMap.newKeySet();
  private final Set<String> recording = ConcurrentHashMap.newKeySet();
  private final Map<String, String> lastSegment = new ConcurrentHashMap<>();
  private final List<Duration> lags = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean measuringLag;
  private final SharedIndexInformer<GenericKubernetesResource> informer;

  CameraTally(KubernetesClient client, String namespace, SegmentFeeder segments) {
    this.segments = segments;
    this.informer =
        client
            .genericKubernetesResources("camrec.dev/v1alpha1", "Camera")
            .inNamespace(namespace)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(GenericKubernetesResource camera) {
                    seen(camera);
                  }

                  @Override
                  public void onUpdate(
                      GenericKubernetesResource old, GenericKubernetesResource camera) {
                    seen(camera);
                  }

                  @Override
                  public void onDelete(GenericKubernetesResource camera, boolean unknown) {}
                });
  }

  int ready() {
    return ready.size();
  }

  int recording() {
    return recording.size();
  }

  /** Starts collecting how late LAST SEGMENT follows the store, dropping what was collected. */
  void measureLag() {
    lags.clear();
    measuringLag = true;
  }

  /** The lags seen since {@link #measureLag}, sorted. */
  List<Duration> lags() {
    synchronized (lags) {
      return lags.stream().sorted().toList();
    }
  }

  private void seen(GenericKubernetesResource camera) {
    String name = camera.getMetadata().getName();
    Map<String, Object> status = camera.get("status");
    if (status == null) {
      return;
    }
    mark(ready, name, conditionTrue(status, "Ready"));
    mark(recording, name, conditionTrue(status, "Recording"));
    Object newest = status.get("lastSegmentTime");
    if (newest != null && !Objects.equals(lastSegment.put(name, newest.toString()), newest)) {
      if (measuringLag) {
        segments
            .storedAt(name, Instant.parse(newest.toString()))
            .ifPresent(stored -> lags.add(Duration.between(stored, Instant.now())));
      }
    }
  }

  private static void mark(Set<String> set, String name, boolean member) {
    if (member) {
      set.add(name);
    } else {
      set.remove(name);
    }
  }

  @SuppressWarnings("unchecked")
  private static boolean conditionTrue(Map<String, Object> status, String type) {
    Object conditions = status.get("conditions");
    if (!(conditions instanceof List<?> list)) {
      return false;
    }
    return list.stream()
        .map(c -> (Map<String, Object>) c)
        .anyMatch(c -> type.equals(c.get("type")) && "True".equals(c.get("status")));
  }

  @Override
  public void close() {
    informer.close();
  }
}
