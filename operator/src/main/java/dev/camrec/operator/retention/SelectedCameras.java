package dev.camrec.operator.retention;

import dev.camrec.api.Camera;
import dev.camrec.api.RetentionPolicy;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Comparator;
import java.util.List;

/**
 * The Cameras a policy selects right now, from the operator's Camera cache (the informer the
 * reconciler registers): by namespace and labels, read at each reconcile, so a Camera created
 * before the policy counts as much as one created after.
 */
final class SelectedCameras {

  private SelectedCameras() {}

  @SuppressWarnings("unchecked")
  static List<Camera> of(RetentionPolicy policy, Context<RetentionPolicy> context) {
    if (CameraSelector.problem(policy.getSpec().selector()).isPresent()) {
      return List.of();
    }
    var cameras =
        (InformerEventSource<Camera, RetentionPolicy>)
            context
                .eventSourceRetriever()
                .getEventSourceFor(Camera.class, RetentionPolicyReconciler.CAMERAS);
    return cameras
        .list(
            policy.getMetadata().getNamespace(),
            c ->
                c.getMetadata().getDeletionTimestamp() == null
                    && CameraSelector.matches(
                        policy.getSpec().selector(), c.getMetadata().getLabels()))
        .sorted(Comparator.comparing(c -> c.getMetadata().getName()))
        .toList();
  }
}
