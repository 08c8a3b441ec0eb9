package dev.camrec.sandbox.pods;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Consumer;

/**
 * Writes a controller's status onto the stored object, the way a controller's status write does.
 */
final class StoredStatus {

  private StoredStatus() {}

  /**
   * Sets the status on the newest stored version of {@code object} through the status subresource;
   * false when the object is gone (deleted meanwhile: nothing left to report on).
   */
  @SuppressWarnings("unchecked")
  static <T extends HasMetadata> boolean write(
      KubernetesClient client, T object, Consumer<T> setStatus) {
    try {
      client
          .resources((Class<T>) object.getClass())
          .inNamespace(object.getMetadata().getNamespace())
          .withName(object.getMetadata().getName())
          .editStatus(
              current -> {
                setStatus.accept(current);
                return current;
              });
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
      return false;
    }
  }
}
