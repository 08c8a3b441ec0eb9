package dev.camrec.operator.common;

import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.api.config.InformerStoppedHandler;
import io.quarkus.arc.Unremovable;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Remembers informers that stopped on an error (a watch that failed for good, an unreadable object
 * of a kind the operator does not read leniently): such an informer never restarts, so the operator
 * would go on blind to its kind. {@link OperatorLiveness} then reports the operator not alive and
 * Kubernetes restarts it, which also ends its hold on the leader lease. QOSDK takes this bean as
 * JOSDK's informer-stopped handler.
 */
@Singleton
@Unremovable
public class StoppedInformers implements InformerStoppedHandler {

  private static final Logger LOG = Logger.getLogger(StoppedInformers.class);

  private final Set<String> stopped = new TreeSet<>();

  @Override
  public void onStop(SharedIndexInformer informer, Throwable cause) {
    if (cause == null) {
      return; // stopped with its controller, on shutdown
    }
    String kind = informer.getApiTypeClass().getSimpleName();
    LOG.errorf(
        cause,
        "the informer for %s stopped; reporting not alive so that Kubernetes restarts the operator",
        kind);
    synchronized (stopped) {
      stopped.add(kind);
    }
  }

  /** Kinds whose informer stopped on an error, in name order. */
  public Set<String> kinds() {
    synchronized (stopped) {
      return Set.copyOf(stopped);
    }
  }
}
