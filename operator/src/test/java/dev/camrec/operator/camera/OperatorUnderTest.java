package dev.camrec.operator.camera;

import dev.camrec.operator.common.OperatorSettings;
import dev.camrec.operator.common.TestOperator;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import java.time.Clock;

/**
 * The Camera controller in a plain JOSDK Operator, wired as QOSDK wires it in production (same
 * reconciler, same dependent, SSA off), so a test can stop it and start a fresh one.
 */
final class OperatorUnderTest implements AutoCloseable {

  private final Operator operator;

  private OperatorUnderTest(Operator operator) {
    this.operator = operator;
  }

  static OperatorUnderTest start(
      KubernetesClient client, OperatorSettings settings, StorageProbe probe) {
    return start(client, settings, probe, Metrics.NOOP);
  }

  static OperatorUnderTest start(
      KubernetesClient client, OperatorSettings settings, StorageProbe probe, Metrics metrics) {
    Clock clock = Clock.systemUTC();
    return new OperatorUnderTest(
        TestOperator.start(
            client,
            new CameraReconciler(settings, probe, clock),
            RecorderDeployment.class,
            () -> new RecorderDeployment(settings, clock),
            Deployment.class,
            metrics));
  }

  /** Whether every informer of the operator is running, synced and watching. */
  boolean healthy() {
    return operator.getRuntimeInfo().allEventSourcesAreHealthy();
  }

  @Override
  public void close() {
    operator.stop();
  }
}
