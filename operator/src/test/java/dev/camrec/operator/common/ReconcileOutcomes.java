package dev.camrec.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The operator's reconciles as its metrics see them: how many ran and failed, and which resources'
 * last reconcile failed, i.e. are being retried now.
 */
public final class ReconcileOutcomes implements Metrics {

  private final Set<ResourceID> failing = ConcurrentHashMap.newKeySet();
  private final AtomicInteger reconciles = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();

  @Override
  public void reconcileCustomResource(
      HasMetadata resource,
      io.javaoperatorsdk.operator.api.reconciler.RetryInfo retryInfo,
      Map<String, Object> metadata) {
    reconciles.incrementAndGet();
  }

  @Override
  public void failedReconciliation(
      HasMetadata resource, Exception exception, Map<String, Object> metadata) {
    failures.incrementAndGet();
    failing.add(ResourceID.fromResource(resource));
  }

  @Override
  public void finishedReconciliation(HasMetadata resource, Map<String, Object> metadata) {
    failing.remove(ResourceID.fromResource(resource));
  }

  /** Resources whose last reconcile threw, so JOSDK retries them. */
  public Set<ResourceID> failingNow() {
    return Set.copyOf(failing);
  }

  public int reconciles() {
    return reconciles.get();
  }

  public int failures() {
    return failures.get();
  }
}
