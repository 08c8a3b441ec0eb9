package dev.camrec.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * An informer cache that holds only what the operator reads of each object. Every informer holds a
 * copy of every object it watches, so at thousands of Cameras these copies are most of the
 * operator's memory (bench/operator-scale.sh). The API server's bookkeeping is dropped from every
 * cache: managedFields, and kubectl's last-applied-configuration (the whole object again, as text).
 * Each cache names what else it drops. The namespace and label values, the same few texts in
 * thousands of objects (a camera's name is on its Camera, Deployment and pod), are held once.
 *
 * <p>Objects are trimmed in place: the informer hands its event handlers the object it stored, so a
 * filter comparing an update with the cached object compares like with like.
 */
public class TrimmedCache<T extends HasMetadata> extends TransformingItemStore<T> {

  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  public TrimmedCache(Consumer<T> dropUnread) {
    this(dropUnread, UnaryOperator.identity());
  }

  /**
   * @param held what to hold for the trimmed object: itself, or an equal one already held
   */
  protected TrimmedCache(Consumer<T> dropUnread, UnaryOperator<T> held) {
    super(
        item -> {
          dropUnread.accept(item);
          dropBookkeeping(item.getMetadata());
          return held.apply(item);
        });
  }

  private static void dropBookkeeping(ObjectMeta metadata) {
    metadata.setManagedFields(null);
    if (metadata.getAnnotations() != null) {
      metadata.getAnnotations().remove(LAST_APPLIED);
    }
    if (metadata.getNamespace() != null) {
      metadata.setNamespace(metadata.getNamespace().intern());
    }
    if (metadata.getLabels() != null) {
      metadata.getLabels().replaceAll((key, value) -> value == null ? null : value.intern());
    }
  }
}
