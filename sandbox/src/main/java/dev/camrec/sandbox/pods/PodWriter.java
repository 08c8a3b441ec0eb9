package dev.camrec.sandbox.pods;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes the Pods the kubelet would report: created once, then only their status, and only when it
 * changed (the API server keeps every write; a status that did not change is noise for watchers).
 * Not thread-safe: each runner calls it from its control thread.
 */
final class PodWriter {

  private static final Logger LOG = Logger.getLogger(PodWriter.class.getName());

  private final KubernetesClient client;
  private final Map<String, String> writtenStatus = new HashMap<>();

  PodWriter(KubernetesClient client) {
    this.client = client;
  }

  void write(Pod pod) {
    String podKey = key(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
    String status = Serialization.asJson(pod.getStatus());
    if (status.equals(writtenStatus.get(podKey))) {
      return;
    }
    if (!writtenStatus.containsKey(podKey)) {
      client.pods().resource(pod).create();
    } else {
      StoredStatus.write(client, pod, current -> current.setStatus(pod.getStatus()));
    }
    writtenStatus.put(podKey, status);
  }

  /** Deletes the Pod, if it is still there, and forgets what was written for it. */
  void delete(String namespace, String name) {
    forget(namespace, name);
    try {
      client.pods().inNamespace(namespace).withName(name).delete();
    } catch (KubernetesClientException e) {
      LOG.log(Level.FINE, "Pod already gone", e);
    }
  }

  void forget(String namespace, String name) {
    writtenStatus.remove(key(namespace, name));
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
