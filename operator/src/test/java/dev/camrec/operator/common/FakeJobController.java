package dev.camrec.operator.common;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What kube-controller-manager and the kubelet would do for a Job, which the mock API server lacks,
 * driven by the test: {@link #start} makes the Job's pod (labelled with the job name, as Kubernetes
 * does) running; {@link #finish} ends its container with an exit code and termination message and
 * marks the Job Complete or Failed.
 */
public final class FakeJobController {

  /** The label Kubernetes puts on a Job's pods. */
  public static final String JOB_NAME_LABEL = "batch.kubernetes.io/job-name";

  private final KubernetesClient client;

  public FakeJobController(KubernetesClient client) {
    this.client = client;
  }

  /** The Job's one pod, running its first container. */
  public Pod start(String namespace, String job) {
    Job j = client.batch().v1().jobs().inNamespace(namespace).withName(job).get();
    Map<String, String> labels = new HashMap<>();
    if (j.getSpec().getTemplate().getMetadata() != null
        && j.getSpec().getTemplate().getMetadata().getLabels() != null) {
      labels.putAll(j.getSpec().getTemplate().getMetadata().getLabels());
    }
    labels.put(JOB_NAME_LABEL, job);
    labels.put("job-name", job);
    String now = Instant.now().toString();
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(job + "-pod")
            .withNamespace(namespace)
            .withLabels(labels)
            .withCreationTimestamp(now)
            .endMetadata()
            .withSpec(j.getSpec().getTemplate().getSpec())
            .withNewStatus()
            .withPhase("Running")
            .withContainerStatuses(
                new ContainerStatusBuilder()
                    .withName(j.getSpec().getTemplate().getSpec().getContainers().get(0).getName())
                    .withReady(true)
                    .withRestartCount(0)
                    .withNewState()
                    .withNewRunning()
                    .withStartedAt(now)
                    .endRunning()
                    .endState()
                    .build())
            .endStatus()
            .build();
    return client.pods().inNamespace(namespace).resource(pod).create();
  }

  /**
   * The container ends with {@code exitCode} and {@code message} in its termination log; the Job is
   * Complete for 0, Failed (BackoffLimitExceeded) otherwise.
   */
  public void finish(String namespace, String job, int exitCode, String message) {
    String now = Instant.now().toString();
    client
        .pods()
        .inNamespace(namespace)
        .withName(job + "-pod")
        .editStatus(
            pod -> {
              var container = pod.getStatus().getContainerStatuses().get(0);
              pod.getStatus().setPhase(exitCode == 0 ? "Succeeded" : "Failed");
              pod.getStatus()
                  .getContainerStatuses()
                  .set(
                      0,
                      new ContainerStatusBuilder(container)
                          .withReady(false)
                          .withNewState()
                          .withNewTerminated()
                          .withExitCode(exitCode)
                          .withReason(exitCode == 0 ? "Completed" : "Error")
                          .withMessage(message)
                          .withFinishedAt(now)
                          .endTerminated()
                          .endState()
                          .build());
              return pod;
            });
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace(namespace)
        .withName(job)
        .editStatus(
            j -> {
              j.setStatus(
                  new JobStatusBuilder()
                      .withSucceeded(exitCode == 0 ? 1 : 0)
                      .withFailed(exitCode == 0 ? 0 : 1)
                      .withCompletionTime(exitCode == 0 ? now : null)
                      .withConditions(
                          new JobConditionBuilder()
                              .withType(exitCode == 0 ? "Complete" : "Failed")
                              .withStatus("True")
                              .withReason(exitCode == 0 ? null : "BackoffLimitExceeded")
                              .withMessage(
                                  exitCode == 0
                                      ? null
                                      : "Job has reached the specified backoff limit")
                              .withLastTransitionTime(now)
                              .build())
                      .build());
              return j;
            });
  }
}
