package dev.camrec.operator.clip;

import dev.camrec.api.Camera;
import dev.camrec.api.ClipRequest;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Optional;

/** The Camera a ClipRequest names, in its namespace. */
final class ClipCameras {

  private ClipCameras() {}

  /**
   * From the informer's cache; when the cache has none, from the API server, so a Camera applied
   * together with the request (kubectl apply -f dir/) is not reported missing before the watch
   * delivered it.
   */
  static Optional<Camera> of(ClipRequest clip, Context<ClipRequest> context) {
    if (clip.getSpec() == null) {
      return Optional.empty(); // unreadable (ClipRequest.unreadableSpec): it names no Camera
    }
    Optional<Camera> cached = context.getSecondaryResource(Camera.class);
    if (cached.isPresent()) {
      return cached;
    }
    return Optional.ofNullable(
        context
            .getClient()
            .resources(Camera.class)
            .inNamespace(clip.getMetadata().getNamespace())
            .withName(clip.getSpec().camera())
            .get());
  }
}
