package dev.camrec.operator.camera;

import dev.camrec.operator.ApiRequestLog;
import dev.camrec.operator.common.OperatorSettings;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.config.dependent.DependentResourceSpec;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResourceFactory;
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
    DependentResourceFactory<ControllerConfiguration<?>, DependentResourceSpec<?, ?, ?>>
        dependents =
            new DependentResourceFactory<>() {
              @Override
              @SuppressWarnings({"rawtypes", "unchecked"})
              public DependentResource createFrom(
                  DependentResourceSpec spec, ControllerConfiguration config) {
                if (spec.getDependentResourceClass() != RecorderDeployment.class) {
                  throw new IllegalArgumentException(
                      "unexpected dependent " + spec.getDependentResourceClass());
                }
                DependentResource dependent = new RecorderDeployment(settings, clock);
                configure(dependent, spec, config);
                return dependent;
              }

              @Override
              public Class<?> associatedResourceType(DependentResourceSpec spec) {
                return Deployment.class;
              }
            };
    Operator operator =
        new Operator(
            o ->
                // The operator's own client, closed with it, records its API requests for RBAC.
                o.withKubernetesClient(ApiRequestLog.recordingClientLike(client))
                    .withCloseClientOnStop(true)
                    .withDependentResourceFactory(dependents)
                    .withSSABasedCreateUpdateMatchForDependentResources(false)
                    .withUseSSAToPatchPrimaryResource(false));
    operator.register(new CameraReconciler(settings, probe, clock));
    operator.start();
    return new OperatorUnderTest(operator);
  }

  @Override
  public void close() {
    operator.stop();
  }
}
