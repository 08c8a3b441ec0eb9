package dev.camrec.operator.camera;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.stream.Stream;

/**
 * The informer cache of recorder pods, holding each pod's metadata and status but not its spec: the
 * operator reads only why a recorder container waits or ended ({@link RecorderObservation}), and
 * the spec (containers, env, volumes, probes) is most of a pod. With one pod per Camera that is
 * most of what the operator holds at thousands of Cameras (bench/operator-scale.sh).
 */
final class RecorderPodsWithoutSpec implements ItemStore<Pod> {

  private final BasicItemStore<Pod> pods = new BasicItemStore<>(Cache::metaNamespaceKeyFunc);

  @Override
  public String getKey(Pod pod) {
    return pods.getKey(pod);
  }

  @Override
  public Pod put(String key, Pod pod) {
    Pod kept = new Pod();
    kept.setApiVersion(pod.getApiVersion());
    kept.setKind(pod.getKind());
    kept.setMetadata(pod.getMetadata());
    kept.getMetadata().setManagedFields(null);
    kept.setStatus(pod.getStatus());
    return pods.put(key, kept);
  }

  @Override
  public Pod remove(String key) {
    return pods.remove(key);
  }

  @Override
  public Stream<String> keySet() {
    return pods.keySet();
  }

  @Override
  public Stream<Pod> values() {
    return pods.values();
  }

  @Override
  public int size() {
    return pods.size();
  }

  @Override
  public Pod get(String key) {
    return pods.get(key);
  }
}
