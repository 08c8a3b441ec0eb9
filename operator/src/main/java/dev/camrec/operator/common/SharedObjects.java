package dev.camrec.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One object for each version of a Kubernetes object that several caches hold alike: the first
 * cache to take a version holds the object it was given, the others the same one. Held weakly, so a
 * version that no cache holds any more is let go with its entry.
 */
final class SharedObjects<T extends HasMetadata> {

  private final Map<String, Held<T>> byKey = new ConcurrentHashMap<>();
  private final ReferenceQueue<T> letGo = new ReferenceQueue<>();

  private static final class Held<T> extends WeakReference<T> {
    final String key;

    Held(String key, T object, ReferenceQueue<T> queue) {
      super(object, queue);
      this.key = key;
    }
  }

  /** The object to hold for {@code object}: one already held at its resourceVersion, or itself. */
  T heldFor(T object) {
    forgetLetGo();
    String key = Cache.metaNamespaceKeyFunc(object);
    Held<T> held = byKey.get(key);
    T shared = held == null ? null : held.get();
    if (shared != null
        && Objects.equals(
            shared.getMetadata().getResourceVersion(), object.getMetadata().getResourceVersion())) {
      return shared;
    }
    byKey.put(key, new Held<>(key, object, letGo));
    return object;
  }

  private void forgetLetGo() {
    for (var gone = letGo.poll(); gone != null; gone = letGo.poll()) {
      Held<?> held = (Held<?>) gone;
      byKey.remove(held.key, held);
    }
  }
}
