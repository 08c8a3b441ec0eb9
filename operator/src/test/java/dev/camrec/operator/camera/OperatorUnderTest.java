package dev.camrec.operator.camera;

import dev.camrec.operator.common.OperatorSettings;
import dev.camrec.operator.common.PlainOperator;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
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
    Clock clock = Clock.systemUTC();
    return new OperatorUnderTest(
        PlainOperator.start(
            client,
            RecorderDeployment.class,
            Deployment.class,
            () -> new RecorderDeployment(settings, clock),
            new CameraReconciler(settings, probe, clock)));
  }

  @Override
  public void close() {
    operator.stop();
  }
}
