package dev.camrec.operator.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.camrec.api.Camera;
import dev.camrec.api.CameraSource;
import dev.camrec.api.CameraSpec;
import dev.camrec.api.RetentionPolicy;
import dev.camrec.api.RetentionPolicySpec;
import dev.camrec.api.Storage;
import dev.camrec.api.StorageCredentialsSecretRef;
import dev.camrec.contract.env.CommonEnv;
import dev.camrec.contract.env.RetentionEnv;
import dev.camrec.contract.env.StoreEnv;
import dev.camrec.contract.termination.RetentionResult;
import dev.camrec.contract.termination.RetentionResult.CameraProblem;
import dev.camrec.operator.common.FakeJobController;
import dev.camrec.operator.common.MockApiServer;
import dev.camrec.operator.common.OperatorSettings;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real RetentionPolicy controller against the fabric8 mock API server (CRUD, committed CRDs
 * loaded). The mock has no CronJob or Job controller: a test starts a Job from the CronJob's
 * template, as {@code kubectl create job --from=cronjob/...} does, and {@link FakeJobController}
 * runs and ends its pod with a termination message.
 */
class RetentionPolicyMockServerTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private static KubernetesMockServer server;
  private static KubernetesClient client;
  private static FakeJobController jobs;
  private static RetentionOperatorUnderTest operator;
  private static final RetentionSettings RETENTION = new RetentionSettings(3300, 600);
  private static final OperatorSettings SETTINGS =
      new OperatorSettings(
          "registry.test/recorder-sidecar:1",
          "IfNotPresent",
          List.of(),
          "1Gi",
          30,
          10,
          Duration.ofSeconds(2),
          "http://minio.camrec.svc:9000",
          "us-east-1",
          "camrec",
          "camrec-storage",
          true,
          Duration.ofSeconds(1));

  @BeforeAll
  static void start() {
    server = MockApiServer.start();
    client = server.createClient();
    MockApiServer.loadCrds(
        client, "cameras.camrec.dev-v1.yml", "retentionpolicies.camrec.dev-v1.yml");
    jobs = new FakeJobController(client);
    operator = RetentionOperatorUnderTest.start(client, SETTINGS, RETENTION);
  }

  @AfterAll
  static void stop() {
    if (operator != null) operator.close();
    if (client != null) client.close();
    if (server != null) server.destroy();
  }

  @Test
  void aPolicyGetsAnOwnedCronJobWhoseInputFollowsItsCameras() {
    String ns = "cronjob-follows";
    camera(ns, "door", Map.of("site", "hq"), null);
    camera(ns, "door-2", Map.of("site", "lab"), null);
    camera(
        ns,
        "yard",
        Map.of("site", "hq"),
        new Storage("yard-bucket", null, null, secret("yard-s3")));
    RetentionPolicy policy = client.resource(policy(ns, "hq-7-days", hq(), "7d", "50Gi")).create();

    CronJob cronJob =
        awaitCronJob(ns, "hq-7-days-retention", env -> env.containsKey(RetentionEnv.CAMERAS));
    assertThat(cronJob.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.getUid()).isEqualTo(policy.getMetadata().getUid());
              assertThat(o.getKind()).isEqualTo("RetentionPolicy");
            });
    var spec = cronJob.getSpec();
    assertThat(spec.getSchedule()).isEqualTo("0 * * * *");
    assertThat(spec.getTimeZone()).isEqualTo("Etc/UTC");
    assertThat(spec.getConcurrencyPolicy()).isEqualTo("Forbid");
    assertThat(spec.getStartingDeadlineSeconds()).isEqualTo(600L);
    assertThat(spec.getSuccessfulJobsHistoryLimit()).isEqualTo(3);
    assertThat(spec.getFailedJobsHistoryLimit()).isEqualTo(3);
    assertThat(spec.getSuspend()).isFalse();
    assertThat(spec.getJobTemplate().getSpec().getBackoffLimit()).isEqualTo(1);
    assertThat(spec.getJobTemplate().getSpec().getActiveDeadlineSeconds()).isEqualTo(3300L);
    PodSpec pod = spec.getJobTemplate().getSpec().getTemplate().getSpec();
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    var container = pod.getContainers().get(0);
    assertThat(container.getCommand()).containsExactly("recorder-sidecar", "retention");
    assertThat(container.getImage()).isEqualTo("registry.test/recorder-sidecar:1");
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");

    Map<String, String> env = values(cronJob);
    assertThat(env)
        .containsEntry(CommonEnv.NAMESPACE, ns)
        .containsEntry(RetentionEnv.MAX_AGE_SECONDS, "604800")
        .containsEntry(RetentionEnv.MAX_BYTES, Long.toString(50L << 30))
        .containsEntry(RetentionEnv.DRY_RUN, "false")
        .containsEntry(RetentionEnv.TARGETS, "2")
        .containsEntry(RetentionEnv.CAMERAS, "door")
        .containsEntry(StoreEnv.S3_BUCKET, "camrec")
        .containsEntry(RetentionEnv.CAMERAS + "_1", "yard")
        .containsEntry(StoreEnv.S3_BUCKET + "_1", "yard-bucket")
        .containsEntry(StoreEnv.S3_ENDPOINT + "_1", "http://minio.camrec.svc:9000");
    // Key pairs only by reference, each target's from its own Secret.
    EnvVar ownKey = envVar(cronJob, StoreEnv.S3_SECRET_KEY + "_1");
    assertThat(ownKey.getValue()).isNull();
    assertThat(ownKey.getValueFrom().getSecretKeyRef().getName()).isEqualTo("yard-s3");
    assertThat(ownKey.getValueFrom().getSecretKeyRef().getOptional()).isTrue();
    assertThat(envVar(cronJob, StoreEnv.S3_ACCESS_KEY).getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("camrec-storage");
    awaitReady(ns, "hq-7-days", "True", "Scheduled");

    // door-2 is relabelled into the policy: the CronJob's input changes before the next run.
    editCamera(ns, "door-2", c -> c.getMetadata().getLabels().put("site", "hq"));
    awaitCronJob(ns, "hq-7-days-retention", e -> "door,door-2".equals(e.get(RetentionEnv.CAMERAS)));
    // yard moves to the default storage: one target left.
    editCamera(ns, "yard", c -> c.setSpec(withStorage(c.getSpec(), null)));
    awaitCronJob(
        ns,
        "hq-7-days-retention",
        e ->
            "door,door-2,yard".equals(e.get(RetentionEnv.CAMERAS))
                && "1".equals(e.get(RetentionEnv.TARGETS)));
    // door is deleted: its recordings are no longer selected.
    client.resources(Camera.class).inNamespace(ns).withName("door").delete();
    awaitCronJob(ns, "hq-7-days-retention", e -> "door-2,yard".equals(e.get(RetentionEnv.CAMERAS)));
  }

  @Test
  void statusAndAnEventComeFromTheFinishedJobsTerminationMessage() {
    String ns = "status-from-job";
    camera(ns, "door", Map.of("site", "hq"), null);
    camera(ns, "yard", Map.of("site", "hq"), null);
    client.resource(policy(ns, "hq", hq(), "7d", null)).create();
    CronJob cronJob = awaitCronJob(ns, "hq-retention", e -> e.containsKey(RetentionEnv.CAMERAS));

    runJob(
        ns,
        cronJob,
        "prune-now",
        0,
        new RetentionResult(false, 2, 1440, 1_932_735_283L, 0, "2026-11-15T08:00:00Z", List.of(), 0)
            .toJson());

    awaitReady(ns, "hq", "True", "Pruned");
    var status = fetch(ns, "hq").getStatus();
    assertThat(status.lastJob()).isEqualTo("prune-now");
    assertThat(status.lastRun()).isNotNull();
    assertThat(status.deletedObjects()).isEqualTo(1440L);
    assertThat(status.freedBytes()).isEqualTo(1_932_735_283L);
    assertThat(status.freed()).isEqualTo("1.8Gi");
    assertThat(status.oldestKept()).isEqualTo("2026-11-15T08:00:00Z");
    await()
        .atMost(WAIT)
        .until(() -> events(ns, "hq").stream().anyMatch(e -> "Pruned".equals(e.getReason())));

    // A run that could not prune one camera: False, with the camera and the cause.
    runJob(
        ns,
        cronJob,
        "prune-partly",
        3,
        new RetentionResult(
                false,
                2,
                10,
                10_000,
                1000,
                "2026-11-15T09:00:00Z",
                List.of(
                    new CameraProblem(
                        "yard",
                        RetentionResult.DELETE_FAILED,
                        "1000 segments could not be deleted (AccessDenied)")),
                0)
            .toJson());
    awaitReady(ns, "hq", "False", "PartialFailure");
    assertThat(condition(ns, "hq", "Ready").getMessage()).contains("yard").contains("AccessDenied");

    // A run killed at its deadline leaves no result.
    runJob(ns, cronJob, "prune-killed", 137, "");
    awaitReady(ns, "hq", "False", "JobFailed");
    assertThat(condition(ns, "hq", "Ready").getMessage()).contains("prune-killed");
    assertThat(fetch(ns, "hq").getStatus().deletedObjects()).isNull();
    await()
        .atMost(WAIT)
        .until(
            () ->
                events(ns, "hq").stream()
                    .map(Event::getReason)
                    .toList()
                    .containsAll(List.of("Pruned", "PartialFailure", "JobFailed")));
  }

  @Test
  void aPolicyWithAnInvalidScheduleOrSelectorSaysWhatToFixAndGetsNoCronJob() {
    String ns = "invalid-policies";
    camera(ns, "door", Map.of("site", "hq"), null);
    RetentionPolicy badSchedule = policy(ns, "bad-schedule", hq(), "7d", null);
    badSchedule.setSpec(withSchedule(badSchedule.getSpec(), "0 25 * * *"));
    client.resource(badSchedule).create();
    LabelSelector badSelector =
        new LabelSelectorBuilder()
            .addNewMatchExpression()
            .withKey("site")
            .withOperator("Equals")
            .withValues("hq")
            .endMatchExpression()
            .build();
    client.resource(policy(ns, "bad-selector", badSelector, "7d", null)).create();
    client
        .resource(
            policy(
                ns,
                "nobody",
                new LabelSelectorBuilder().addToMatchLabels("site", "mars").build(),
                null,
                "1Gi"))
        .create();

    awaitReady(ns, "bad-schedule", "False", "InvalidSchedule");
    assertThat(condition(ns, "bad-schedule", "Ready").getMessage()).contains("hour").contains("25");
    awaitReady(ns, "bad-selector", "False", "InvalidSelector");
    assertThat(condition(ns, "bad-selector", "Ready").getMessage())
        .contains("Equals")
        .contains("In, NotIn");
    awaitReady(ns, "nobody", "False", "NoCamerasSelected");
    assertThat(cronJob(ns, "bad-schedule-retention")).isEmpty();
    assertThat(cronJob(ns, "bad-selector-retention")).isEmpty();
    CronJob suspended = awaitCronJob(ns, "nobody-retention", e -> true);
    assertThat(suspended.getSpec().getSuspend()).isTrue();

    // Fixed: the CronJob appears and the condition clears.
    editPolicy(ns, "bad-schedule", p -> p.setSpec(withSchedule(p.getSpec(), "@daily")));
    awaitCronJob(ns, "bad-schedule-retention", e -> true);
    awaitReady(ns, "bad-schedule", "True", "Scheduled");

    // Broken again: the CronJob goes (no runs by a schedule nobody meant) until it is fixed.
    editPolicy(ns, "bad-schedule", p -> p.setSpec(withSchedule(p.getSpec(), "0 24 * * *")));
    awaitReady(ns, "bad-schedule", "False", "InvalidSchedule");
    await().atMost(WAIT).until(() -> cronJob(ns, "bad-schedule-retention").isEmpty());
  }

  @Test
  void anUnreadablePolicyIsNamedAndTheOthersKeepTheirCronJobs() {
    String ns = "unreadable-policies";
    camera(ns, "door", Map.of("site", "hq"), null);
    client.resource(policy(ns, "before", hq(), "7d", null)).create();
    // What an API server without the CRD's schema stores: the wrong JSON types.
    client
        .resource(
            Serialization.unmarshal(
                "{\"apiVersion\":\"camrec.dev/v1alpha1\",\"kind\":\"RetentionPolicy\","
                    + "\"metadata\":{\"name\":\"garbled\",\"namespace\":\""
                    + ns
                    + "\"},\"spec\":{\"selector\":{\"matchLabels\":{\"site\":\"hq\"}},"
                    + "\"maxAge\":\"7d\",\"dryRun\":\"maybe\"}}",
                GenericKubernetesResource.class))
        .create();
    client.resource(policy(ns, "after", hq(), "7d", null)).create();

    awaitReady(ns, "garbled", "False", "InvalidSpec");
    assertThat(condition(ns, "garbled", "Ready").getMessage())
        .isEqualTo("spec.dryRun must be true or false.");
    awaitCronJob(ns, "before-retention", e -> true);
    awaitCronJob(ns, "after-retention", e -> true);
    assertThat(cronJob(ns, "garbled-retention")).isEmpty();
  }

  // --- helpers

  private static LabelSelector hq() {
    return new LabelSelectorBuilder().addToMatchLabels("site", "hq").build();
  }

  private static StorageCredentialsSecretRef secret(String name) {
    return new StorageCredentialsSecretRef(name, null, null);
  }

  private static void camera(String ns, String name, Map<String, String> labels, Storage storage) {
    Camera camera = new Camera();
    camera.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(ns)
            .withLabels(new HashMap<>(labels))
            .build());
    camera.setSpec(
        new CameraSpec(
            new CameraSource("rtsp://10.0.0.7:554/stream1", null),
            null,
            storage,
            null,
            null,
            null,
            null));
    client.resource(camera).create();
  }

  private static CameraSpec withStorage(CameraSpec s, Storage storage) {
    return new CameraSpec(
        s.source(),
        s.recording(),
        storage,
        s.spool(),
        s.resources(),
        s.nodeSelector(),
        s.tolerations());
  }

  private static RetentionPolicy policy(
      String ns, String name, LabelSelector selector, String maxAge, String maxBytes) {
    RetentionPolicy p = new RetentionPolicy();
    p.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
    p.setSpec(new RetentionPolicySpec(selector, maxAge, maxBytes, null, null));
    return p;
  }

  private static RetentionPolicySpec withSchedule(RetentionPolicySpec s, String schedule) {
    return new RetentionPolicySpec(s.selector(), s.maxAge(), s.maxBytes(), schedule, s.dryRun());
  }

  /** A Job from the CronJob's template, as kubectl create job --from=cronjob/... makes it. */
  private static void runJob(
      String ns, CronJob cronJob, String name, int exitCode, String message) {
    var template = cronJob.getSpec().getJobTemplate();
    Job job =
        new JobBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(ns)
            .withLabels(template.getMetadata().getLabels())
            .withOwnerReferences(
                new OwnerReferenceBuilder()
                    .withApiVersion("batch/v1")
                    .withKind("CronJob")
                    .withName(cronJob.getMetadata().getName())
                    .withUid(cronJob.getMetadata().getUid())
                    .build())
            .endMetadata()
            .withSpec(template.getSpec())
            .build();
    client.resource(job).create();
    jobs.start(ns, name);
    jobs.finish(ns, name, exitCode, message);
  }

  private static Optional<CronJob> cronJob(String ns, String name) {
    return Optional.ofNullable(client.batch().v1().cronjobs().inNamespace(ns).withName(name).get());
  }

  private static CronJob awaitCronJob(
      String ns, String name, java.util.function.Predicate<Map<String, String>> env) {
    return await()
        .atMost(WAIT)
        .until(() -> cronJob(ns, name).filter(c -> env.test(values(c))), Optional::isPresent)
        .get();
  }

  private static Map<String, String> values(CronJob c) {
    Map<String, String> values = new HashMap<>();
    for (EnvVar e : containerEnv(c)) {
      if (e.getValue() != null) {
        values.put(e.getName(), e.getValue());
      }
    }
    return values;
  }

  private static List<EnvVar> containerEnv(CronJob c) {
    return c.getSpec()
        .getJobTemplate()
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getEnv();
  }

  private static EnvVar envVar(CronJob c, String name) {
    return containerEnv(c).stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow();
  }

  private static RetentionPolicy fetch(String ns, String name) {
    return client.resources(RetentionPolicy.class).inNamespace(ns).withName(name).get();
  }

  private static Condition condition(String ns, String name, String type) {
    return fetch(ns, name).getStatus().conditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElseThrow();
  }

  private static void awaitReady(String ns, String name, String status, String reason) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              RetentionPolicy p = fetch(ns, name);
              assertThat(p.getStatus()).isNotNull();
              Condition ready = condition(ns, name, "Ready");
              assertThat(ready.getReason()).isEqualTo(reason);
              assertThat(ready.getStatus()).isEqualTo(status);
              assertThat(p.getStatus().observedGeneration())
                  .isEqualTo(p.getMetadata().getGeneration());
            });
  }

  private static List<Event> events(String ns, String policy) {
    return client.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> policy.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  private static void editCamera(String ns, String name, Consumer<Camera> change) {
    edit(Camera.class, ns, name, change);
  }

  private static void editPolicy(String ns, String name, Consumer<RetentionPolicy> change) {
    edit(RetentionPolicy.class, ns, name, change);
  }

  /** As kubectl edit does: the operator writes status concurrently, so a 409 is read again. */
  private static <T extends HasMetadata> void edit(
      Class<T> type, String ns, String name, Consumer<T> change) {
    await()
        .atMost(WAIT)
        .ignoreExceptionsInstanceOf(KubernetesClientException.class)
        .until(
            () -> {
              client
                  .resources(type)
                  .inNamespace(ns)
                  .withName(name)
                  .edit(
                      r -> {
                        change.accept(r);
                        return r;
                      });
              return true;
            });
  }
}
