package dev.camrec.sandbox.pods;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

/**
 * The owner reference a controller puts on what it creates: the garbage collector deletes the
 * dependent with its owner, and the operator's informers find a Job's pods and a CronJob's Jobs by
 * it.
 */
final class ControllerReference {

  private ControllerReference() {}

  /** {@code owner} must carry its apiVersion and kind, as objects read from the API do. */
  static OwnerReference to(HasMetadata owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind())
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }
}
