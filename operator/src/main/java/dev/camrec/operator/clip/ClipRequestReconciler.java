package dev.camrec.operator.clip;

import dev.camrec.api.Camera;
import dev.camrec.api.ClipRequest;
import dev.camrec.api.ClipRequestStatus;
import dev.camrec.api.ConditionTypes;
import dev.camrec.contract.store.StoreSettings;
import dev.camrec.operator.common.CamerasForLookup;
import dev.camrec.operator.common.Conditions;
import dev.camrec.operator.common.EffectiveStorage;
import dev.camrec.operator.common.JobOutcome;
import dev.camrec.operator.common.KubernetesEvents;
import dev.camrec.operator.common.Labels;
import dev.camrec.operator.common.ObservationCadence;
import dev.camrec.operator.common.OperatorSettings;
import dev.camrec.operator.common.StorageCredentials;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Runs one Job per ClipRequest (the managed workflow: {@link ClipJob} once {@link ClipJobMayStart}
 * allows) and writes the request's status from what it observes: the gate (spec, Camera,
 * recording), the Job and the result its pod left. Signs the download link and renews it before it
 * expires; deletes the request and its clip when the ttl is up; deleting the request deletes the
 * clip (finalizer).
 */
@Workflow(
    dependents = @Dependent(type = ClipJob.class, reconcilePrecondition = ClipJobMayStart.class))
@ControllerConfiguration(name = ClipRequestReconciler.NAME)
public class ClipRequestReconciler implements Reconciler<ClipRequest>, Cleaner<ClipRequest> {

  public static final String NAME = "cliprequest";
  private static final Logger LOG = Logger.getLogger(ClipRequestReconciler.class);
  static final String CAMERA_INDEX = "camrec-clip-camera";
  static final String JOB_INDEX = "camrec-clip-job";

  /** The label Kubernetes puts on a Job's pods. */
  static final String JOB_NAME_LABEL = "batch.kubernetes.io/job-name";

  /** A request waiting for a Job slot looks again this often (slots free up on other requests). */
  static final Duration SLOT_RETRY = Duration.ofSeconds(10);

  /** A clip that could not be deleted from storage is tried again after this long. */
  static final Duration DELETE_RETRY = Duration.ofSeconds(30);

  private final OperatorSettings settings;
  private final ClipSettings clips;
  private final ClipGate gate;
  private final ClipStore store;

  public ClipRequestReconciler(
      OperatorSettings settings, ClipSettings clips, ClipGate gate, ClipStore store) {
    this.settings = settings;
    this.clips = clips;
    this.gate = gate;
    this.store = store;
  }

  @Override
  public List<EventSource<?, ClipRequest>> prepareEventSources(
      EventSourceContext<ClipRequest> context) {
    var primaries = context.getPrimaryCache();
    // Null-safe: an exception here, in the informer, would stop it for every ClipRequest.
    primaries.addIndexer(
        CAMERA_INDEX, clip -> clip.getSpec() == null ? List.of() : List.of(cameraKey(clip)));
    primaries.addIndexer(
        JOB_INDEX,
        clip -> List.of(clip.getMetadata().getNamespace() + "/" + DesiredClipJob.nameOf(clip)));
    var cameras =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Camera.class, ClipRequest.class)
                .withName("clip-cameras")
                .withItemStore(new CamerasForLookup())
                .withOnUpdateFilter(CamerasForLookup.METADATA_OR_SPEC_CHANGED)
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(
                    (Camera c) ->
                        ids(
                            primaries.byIndex(
                                CAMERA_INDEX,
                                c.getMetadata().getNamespace() + "/" + c.getMetadata().getName())))
                .withPrimaryToSecondaryMapper(
                    (ClipRequest clip) ->
                        clip.getSpec() == null
                            ? Set.of()
                            : Set.of(
                                new ResourceID(
                                    clip.getSpec().camera(), clip.getMetadata().getNamespace())))
                .build(),
            context);
    var pods =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Pod.class, ClipRequest.class)
                .withName("clip-pods")
                .withNamespacesInheritedFromController()
                .withLabelSelector(Labels.CLIP_SELECTOR)
                .withSecondaryToPrimaryMapper(
                    (Pod p) ->
                        Optional.ofNullable(p.getMetadata().getLabels().get(JOB_NAME_LABEL))
                            .map(
                                job ->
                                    ids(
                                        primaries.byIndex(
                                            JOB_INDEX, p.getMetadata().getNamespace() + "/" + job)))
                            .orElse(Set.of()))
                .build(),
            context);
    return List.of(cameras, pods);
  }

  @Override
  public UpdateControl<ClipRequest> reconcile(ClipRequest clip, Context<ClipRequest> context) {
    Instant now = gate.clock().instant();
    Optional<Camera> camera = ClipCameras.of(clip, context);
    ClipGate.Decision decision = gate.decide(clip, camera);
    Optional<Job> job = context.getSecondaryResource(Job.class);
    String jobName = DesiredClipJob.nameOf(clip);
    Optional<JobOutcome> outcome =
        job.map(j -> JobOutcome.of(j, podsOf(clip, jobName, context), DesiredClipJob.CONTAINER));

    ClipRequestStatus previous = clip.getStatus();
    boolean storedNow =
        decision.verdict() != ClipGate.Verdict.FINISHED
            && ClipStatusAggregator.result(outcome).filter(r -> r.succeeded()).isPresent();
    boolean renew = decision.verdict() == ClipGate.Verdict.FINISHED && linkDue(previous, now);
    Optional<ClipStore.SignedLink> link =
        storedNow || renew
            ? sign(clip, job, camera, objectKey(clip, outcome), now, context)
            : Optional.empty();
    var observed =
        new ClipStatusAggregator.Observed(
            clip.getMetadata().getGeneration() == null ? 0 : clip.getMetadata().getGeneration(),
            now,
            clip.getMetadata().getNamespace(),
            clip.getSpec() == null ? "" : clip.getSpec().camera(),
            jobName,
            clips.maxRunningJobs(),
            decision,
            outcome,
            link,
            clip.unreadableSpec());
    ClipRequestStatus next = ClipStatusAggregator.aggregate(previous, observed);
    if (!next.equals(previous)) {
      clip.unreadableSpec()
          .ifPresent(
              p ->
                  LOG.warnf(
                      "cliprequest %s/%s: %s",
                      clip.getMetadata().getNamespace(),
                      clip.getMetadata().getName(),
                      p.message()));
      List<Condition> before = previous == null ? null : previous.conditions();
      new KubernetesEvents(context.getClient()).recordChanges(clip, before, next.conditions(), now);
      if (turnedFalse(before, next.conditions()) && job.isPresent()) {
        // The clip command stores nothing unless the whole clip is; this makes sure of it.
        deleteClipObject(clip, job, camera, context);
      }
      PrimaryUpdateAndCacheUtils.patchStatusAndCacheResource(
          clip,
          context,
          c -> {
            c.setStatus(next);
            return c;
          });
    }
    Optional<Instant> expiresAt = ttlDeadline(clip, next);
    if (expiresAt.isPresent() && !now.isBefore(expiresAt.get())) {
      LOG.infof(
          "cliprequest %s/%s: ttl %s is up, deleting it and its clip",
          clip.getMetadata().getNamespace(), clip.getMetadata().getName(), clip.getSpec().ttl());
      context.getClient().resource(clip).delete();
      return UpdateControl.noUpdate();
    }
    return UpdateControl.<ClipRequest>noUpdate()
        .rescheduleAfter(nextLook(decision, job, next, expiresAt, now));
  }

  @Override
  public DeleteControl cleanup(ClipRequest clip, Context<ClipRequest> context) {
    Optional<Job> job = context.getSecondaryResource(Job.class);
    boolean mayExist =
        job.isPresent() || (clip.getStatus() != null && clip.getStatus().objectKey() != null);
    if (!mayExist) {
      return DeleteControl.defaultDelete();
    }
    try {
      if (!deleteClipObject(clip, job, ClipCameras.of(clip, context), context)) {
        new KubernetesEvents(context.getClient())
            .record(
                clip,
                true,
                "ClipNotDeleted",
                "The clip object "
                    + objectKey(clip, Optional.empty())
                    + " could not be deleted: its storage or credentials are gone. Delete it from"
                    + " the bucket by hand.",
                gate.clock().instant());
      }
      return DeleteControl.defaultDelete();
    } catch (Exception e) {
      LOG.warnf(
          "cliprequest %s/%s: deleting its clip failed, retrying in %s: %s",
          clip.getMetadata().getNamespace(),
          clip.getMetadata().getName(),
          DELETE_RETRY,
          e.getMessage());
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(DELETE_RETRY);
    }
  }

  /**
   * Deletes the clip where its Job stored it (else where the Camera stores now). False when the
   * storage or its credentials cannot be found; throws when the store refuses.
   */
  private boolean deleteClipObject(
      ClipRequest clip, Optional<Job> job, Optional<Camera> camera, Context<ClipRequest> context) {
    Optional<StoreSettings> store = storeOf(clip, job, camera, context);
    if (store.isEmpty()) {
      return false;
    }
    try {
      this.store.delete(store.get(), objectKey(clip, Optional.empty()));
      return true;
    } catch (Exception e) {
      throw new IllegalStateException("deleting the clip failed: " + e.getMessage(), e);
    }
  }

  private Optional<ClipStore.SignedLink> sign(
      ClipRequest clip,
      Optional<Job> job,
      Optional<Camera> camera,
      String key,
      Instant now,
      Context<ClipRequest> context) {
    Optional<StoreSettings> storeSettings = storeOf(clip, job, camera, context);
    if (storeSettings.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(store.sign(storeSettings.get(), key, clips.downloadUrlValidity(), now));
    } catch (Exception e) {
      LOG.warnf(
          "cliprequest %s/%s: cannot sign its download link: %s",
          clip.getMetadata().getNamespace(),
          clip.getMetadata().getName(),
          e.getClass().getSimpleName());
      return Optional.empty();
    }
  }

  private Optional<StoreSettings> storeOf(
      ClipRequest clip, Optional<Job> job, Optional<Camera> camera, Context<ClipRequest> context) {
    Optional<EffectiveStorage> storage =
        job.flatMap(ClipStorage::ofJob).or(() -> camera.map(c -> EffectiveStorage.of(c, settings)));
    if (storage.isEmpty()) {
      return Optional.empty();
    }
    Secret secret =
        context
            .getClient()
            .secrets()
            .inNamespace(clip.getMetadata().getNamespace())
            .withName(storage.get().secretName())
            .get();
    return StorageCredentials.from(secret, storage.get()).map(c -> c.at(storage.get()));
  }

  private static String objectKey(ClipRequest clip, Optional<JobOutcome> outcome) {
    return ClipStatusAggregator.result(outcome)
        .map(r -> r.objectKey())
        .or(() -> Optional.ofNullable(clip.getStatus()).map(ClipRequestStatus::objectKey))
        .orElseGet(() -> DesiredClipJob.objectKeyOf(clip));
  }

  private boolean linkDue(ClipRequestStatus status, Instant now) {
    if (status == null
        || Conditions.find(status.conditions(), ConditionTypes.SUCCEEDED)
            .filter(c -> ConditionTypes.TRUE.equals(c.getStatus()))
            .isEmpty()) {
      return false;
    }
    return status.downloadUrlExpires() == null
        || !now.plus(clips.downloadUrlRenewBefore())
            .isBefore(Instant.parse(status.downloadUrlExpires()));
  }

  /** When the ttl is up: ttl after Succeeded turned True or False. */
  private static Optional<Instant> ttlDeadline(ClipRequest clip, ClipRequestStatus status) {
    return Conditions.find(status.conditions(), ConditionTypes.SUCCEEDED)
        .filter(c -> !ConditionTypes.UNKNOWN.equals(c.getStatus()))
        .filter(c -> c.getLastTransitionTime() != null)
        .flatMap(
            c ->
                ClipSpecTimes.of(clip.getSpec())
                    .map(t -> Instant.parse(c.getLastTransitionTime()).plus(t.ttl())));
  }

  private Duration nextLook(
      ClipGate.Decision decision,
      Optional<Job> job,
      ClipRequestStatus status,
      Optional<Instant> ttlDeadline,
      Instant now) {
    List<Instant> candidates = new ArrayList<>();
    candidates.add(now.plus(ObservationCadence.IDLE_LOOK));
    ttlDeadline.ifPresent(candidates::add);
    decision.until().ifPresent(t -> candidates.add(t.plusSeconds(1)));
    if (job.isEmpty() && decision.verdict() == ClipGate.Verdict.READY) {
      candidates.add(now.plus(SLOT_RETRY));
    }
    if (status.downloadUrlExpires() != null) {
      candidates.add(
          Instant.parse(status.downloadUrlExpires()).minus(clips.downloadUrlRenewBefore()));
    }
    Instant soonest = candidates.stream().min(Instant::compareTo).orElseThrow();
    Duration wait = Duration.between(now, soonest);
    return wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
  }

  private static boolean turnedFalse(List<Condition> before, List<Condition> after) {
    boolean wasFalse =
        Conditions.find(before, ConditionTypes.SUCCEEDED)
            .filter(c -> ConditionTypes.FALSE.equals(c.getStatus()))
            .isPresent();
    boolean isFalse =
        Conditions.find(after, ConditionTypes.SUCCEEDED)
            .filter(c -> ConditionTypes.FALSE.equals(c.getStatus()))
            .isPresent();
    return isFalse && !wasFalse;
  }

  @SuppressWarnings("unchecked")
  private static List<Pod> podsOf(ClipRequest clip, String jobName, Context<ClipRequest> context) {
    var pods =
        (InformerEventSource<Pod, ClipRequest>)
            context.eventSourceRetriever().getEventSourceFor(Pod.class);
    return pods.list(
            clip.getMetadata().getNamespace(),
            p -> jobName.equals(p.getMetadata().getLabels().get(JOB_NAME_LABEL)))
        .toList();
  }

  private static String cameraKey(ClipRequest clip) {
    return clip.getMetadata().getNamespace() + "/" + clip.getSpec().camera();
  }

  private static Set<ResourceID> ids(List<ClipRequest> clips) {
    return clips.stream().map(ResourceID::fromResource).collect(Collectors.toSet());
  }
}
