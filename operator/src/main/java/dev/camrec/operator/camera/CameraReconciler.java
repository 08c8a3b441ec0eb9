package dev.camrec.operator.camera;

import dev.camrec.api.Camera;
import dev.camrec.api.CameraStatus;
import dev.camrec.contract.report.RecorderReport;
import dev.camrec.operator.camera.CameraStatusAggregator.SpecProblem;
import dev.camrec.operator.common.EffectiveStorage;
import dev.camrec.operator.common.KubernetesEvents;
import dev.camrec.operator.common.Labels;
import dev.camrec.operator.common.ObservationCadence;
import dev.camrec.operator.common.OperatorSettings;
import dev.camrec.operator.common.StorageCredentials;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Runs one recorder Deployment per Camera (the managed workflow) and writes the Camera's status
 * from what it observes: the Deployment and its pod, and what landed in storage. Observe, then
 * check the spec, then aggregate; status is patched only when it changed, with an Event per
 * condition change.
 */
@Workflow(
    dependents =
        @Dependent(type = RecorderDeployment.class, reconcilePrecondition = RecorderMayRun.class))
@ControllerConfiguration(
    name = CameraReconciler.NAME,
    informer = @Informer(itemStore = CamerasAsRead.class))
public class CameraReconciler implements Reconciler<Camera> {

  public static final String NAME = "camera";
  private static final Logger LOG = Logger.getLogger(CameraReconciler.class);
  static final String SECRET_INDEX = "camrec-secret-references";

  private final OperatorSettings settings;
  private final StorageProbe storage;
  private final Clock clock;

  public CameraReconciler(OperatorSettings settings, StorageProbe storage, Clock clock) {
    this.settings = settings;
    this.storage = storage;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, Camera>> prepareEventSources(EventSourceContext<Camera> context) {
    // Secrets are found by the Cameras that name them, through an index on the primary cache.
    context
        .getPrimaryCache()
        .addIndexer(
            SECRET_INDEX,
            camera ->
                SecretReferences.namesOf(camera, settings).stream()
                    .map(name -> camera.getMetadata().getNamespace() + "/" + name)
                    .toList());
    var secrets =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Secret.class, Camera.class)
                .withName("secrets")
                .withItemStore(new SecretsAsRead())
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(
                    (Secret s) ->
                        context
                            .getPrimaryCache()
                            .byIndex(
                                SECRET_INDEX,
                                s.getMetadata().getNamespace() + "/" + s.getMetadata().getName())
                            .stream()
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                .withPrimaryToSecondaryMapper(
                    (Camera camera) ->
                        SecretReferences.namesOf(camera, settings).stream()
                            .map(name -> new ResourceID(name, camera.getMetadata().getNamespace()))
                            .collect(Collectors.toSet()))
                .build(),
            context);
    var pods =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Pod.class, Camera.class)
                .withName("recorder-pods")
                .withItemStore(new RecorderPodsAsRead())
                .withNamespacesInheritedFromController()
                .withLabelSelector(Labels.RECORDER_SELECTOR)
                .withSecondaryToPrimaryMapper(
                    (Pod p) ->
                        Optional.ofNullable(p.getMetadata().getLabels().get(Labels.CAMERA))
                            .map(
                                camera ->
                                    Set.of(new ResourceID(camera, p.getMetadata().getNamespace())))
                            .orElse(Set.of()))
                .build(),
            context);
    return List.of(secrets, pods);
  }

  @Override
  public UpdateControl<Camera> reconcile(Camera camera, Context<Camera> context) {
    Instant now = clock.instant();
    Optional<SpecProblem> invalid = SchemaChecks.problem(camera);
    if (invalid.isPresent()) {
      CameraStatus next =
          InvalidSpecStatus.of(camera.getStatus(), generation(camera), invalid.get(), now);
      if (patchIfChanged(camera, context, next, now)) {
        // Once per change of the spec or its problem, not per reconcile: the status is unchanged.
        LOG.warnf(
            "camera %s/%s: %s",
            camera.getMetadata().getNamespace(),
            camera.getMetadata().getName(),
            invalid.get().message());
      }
      // A new spec is a new event; nothing to look at before that.
      return UpdateControl.noUpdate();
    }
    int segmentSeconds = camera.getSpec().recording().segmentSeconds();
    RecordingPlan plan = RecordingPlan.of(camera, now);
    EffectiveStorage target = EffectiveStorage.of(camera, settings);
    Map<String, Secret> secrets =
        context.getSecondaryResources(Secret.class).stream()
            .collect(Collectors.toMap(s -> s.getMetadata().getName(), Function.identity()));

    var problems = SpecChecks.check(camera, target, secrets::get);
    Optional<StorageCredentials> storeCredentials =
        StorageCredentials.from(secrets.get(target.secretName()), target);
    StorageObservation stored =
        observeStorage(camera, target, storeCredentials, segmentSeconds, now);
    RecorderObservation recorder =
        RecorderObservation.of(
            context.getSecondaryResource(Deployment.class),
            context.getSecondaryResources(Pod.class));
    Optional<RecorderReport> report =
        stored.available()
            ? storeCredentials.flatMap(
                c ->
                    storage.report(
                        camera.getMetadata().getNamespace(),
                        camera.getMetadata().getName(),
                        target,
                        c,
                        recorder.readyReplicas() == 0,
                        now))
            : Optional.empty();
    var observed =
        new CameraStatusAggregator.Observed(
            generation(camera),
            now,
            segmentSeconds,
            plan,
            RecordingPlan.scheduledToRecord(camera.getSpec().recording()),
            problems,
            recorder,
            stored,
            report,
            camera.getSpec().recording().clock(),
            settings.clockTolerance());

    LOG.debugf(
        "camera %s/%s: plan %s, recorder %s, storage %s",
        camera.getMetadata().getNamespace(),
        camera.getMetadata().getName(),
        plan.reason(),
        recorder,
        stored.answer());
    patchIfChanged(
        camera, context, CameraStatusAggregator.aggregate(camera.getStatus(), observed), now);
    return UpdateControl.<Camera>noUpdate().rescheduleAfter(nextLook(camera, plan, observed, now));
  }

  private static long generation(Camera camera) {
    return camera.getMetadata().getGeneration() == null ? 0 : camera.getMetadata().getGeneration();
  }

  /** Patches the status to {@code next} when it differs, with an Event per changed condition. */
  private static boolean patchIfChanged(
      Camera camera, Context<Camera> context, CameraStatus next, Instant now) {
    CameraStatus previous = camera.getStatus();
    if (next.equals(previous)) {
      return false;
    }
    new KubernetesEvents(context.getClient())
        .recordChanges(
            camera, previous == null ? null : previous.conditions(), next.conditions(), now);
    // JSON Patch from the cached Camera, and the result cached: the next reconcile sees it even
    // before the watch delivers it, so no Event is sent twice.
    PrimaryUpdateAndCacheUtils.patchStatusAndCacheResource(
        camera,
        context,
        c -> {
          c.setStatus(next);
          return c;
        });
    return true;
  }

  private StorageObservation observeStorage(
      Camera camera,
      EffectiveStorage target,
      Optional<StorageCredentials> credentials,
      int segmentSeconds,
      Instant now) {
    if (credentials.isEmpty()) {
      return StorageObservation.without(
          StorageObservation.Answer.CREDENTIALS_MISSING,
          target,
          camera.getMetadata().getNamespace() + "/" + target.secretName());
    }
    return storage.observe(
        camera.getMetadata().getNamespace(),
        camera.getMetadata().getName(),
        target,
        credentials.get(),
        segmentSeconds,
        now);
  }

  /** The soonest of: the schedule flipping, Recording going stale, the next storage listing. */
  private Duration nextLook(
      Camera camera, RecordingPlan plan, CameraStatusAggregator.Observed observed, Instant now) {
    List<Instant> candidates = new ArrayList<>();
    plan.nextChange().ifPresent(t -> candidates.add(t.plusSeconds(1)));
    if (plan.run()) {
      candidates.add(
          storage.nextListing(
              camera.getMetadata().getNamespace(), camera.getMetadata().getName(), now));
      CameraStatusAggregator.staleAt(observed).filter(now::isBefore).ifPresent(candidates::add);
      if (observed.recorder().readyReplicas() == 0) {
        // The recorder may report why it gets no media: looked for every half input timeout, so
        // the Camera says so within two input timeouts of the failure (one for FFmpeg to give up).
        candidates.add(now.plusMillis(settings.inputTimeoutSeconds() * 500L));
      }
    }
    candidates.add(now.plus(ObservationCadence.IDLE_LOOK));
    Instant soonest = candidates.stream().min(Instant::compareTo).orElseThrow();
    Duration wait = Duration.between(now, soonest);
    return wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait;
  }
}
