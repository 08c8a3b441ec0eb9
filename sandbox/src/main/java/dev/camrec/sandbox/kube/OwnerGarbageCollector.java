package dev.camrec.sandbox.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The cluster's garbage collector, reduced to what camrec relies on: Deployments, Jobs, CronJobs
 * and Pods whose controlling owner is gone (or was replaced by an object with another uid) are
 * deleted. The mock API server keeps dependents forever otherwise. Pods matter for Jobs: a deleted
 * Job's pods go this way, as they do in a cluster.
 */
public final class OwnerGarbageCollector implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(OwnerGarbageCollector.class.getName());

  private final KubernetesClient client;
  private final ScheduledExecutorService schedule =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "owner-gc");
            thread.setDaemon(true);
            return thread;
          });

  OwnerGarbageCollector(KubernetesClient client) {
    this.client = client;
  }

  public static OwnerGarbageCollector start(KubernetesClient client) {
    OwnerGarbageCollector gc = new OwnerGarbageCollector(client);
    gc.schedule.scheduleWithFixedDelay(gc::collectQuietly, 1, 2, TimeUnit.SECONDS);
    return gc;
  }

  private void collectQuietly() {
    try {
      collect();
    } catch (RuntimeException e) {
      // A pass cut short by close() is no failure worth a warning.
      if (!schedule.isShutdown()) {
        LOG.log(Level.WARNING, "Garbage collection pass failed; retrying", e);
      }
    }
  }

  /** One pass; returns what it deleted as namespace/name. */
  public List<String> collect() {
    List<HasMetadata> dependents = new ArrayList<>();
    dependents.addAll(client.apps().deployments().inAnyNamespace().list().getItems());
    dependents.addAll(client.batch().v1().jobs().inAnyNamespace().list().getItems());
    dependents.addAll(client.batch().v1().cronjobs().inAnyNamespace().list().getItems());
    dependents.addAll(client.pods().inAnyNamespace().list().getItems());
    List<String> deleted = new ArrayList<>();
    for (HasMetadata dependent : dependents) {
      List<OwnerReference> owners = dependent.getMetadata().getOwnerReferences();
      if (owners == null || owners.isEmpty()) {
        continue;
      }
      if (owners.stream()
          .noneMatch(owner -> exists(dependent.getMetadata().getNamespace(), owner))) {
        client.resource(dependent).delete();
        deleted.add(
            dependent.getMetadata().getNamespace() + "/" + dependent.getMetadata().getName());
      }
    }
    return deleted;
  }

  private boolean exists(String namespace, OwnerReference owner) {
    try {
      GenericKubernetesResource found =
          client
              .genericKubernetesResources(owner.getApiVersion(), owner.getKind())
              .inNamespace(namespace)
              .withName(owner.getName())
              .get();
      return found != null
          && (owner.getUid() == null || owner.getUid().equals(found.getMetadata().getUid()));
    } catch (KubernetesClientException e) {
      // A kind the server does not know cannot own anything here.
      if (e.getCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public void close() {
    schedule.shutdownNow();
  }
}
