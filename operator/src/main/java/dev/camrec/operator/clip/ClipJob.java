package dev.camrec.operator.clip;

import dev.camrec.api.Camera;
import dev.camrec.api.ClipRequest;
import dev.camrec.operator.common.EffectiveStorage;
import dev.camrec.operator.common.Labels;
import dev.camrec.operator.common.OperatorSettings;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import jakarta.inject.Singleton;
import java.util.stream.Stream;

/**
 * The Job that cuts a ClipRequest's clip, owned by it (garbage-collected with it). Created once
 * {@link ClipJobMayStart} allows; never updated: a Job's template is immutable, and a running or
 * finished Job is the record of how the clip was cut.
 */
@Singleton
@KubernetesDependent(informer = @Informer(labelSelector = Labels.CLIP_SELECTOR))
public class ClipJob extends CRUDKubernetesDependentResource<Job, ClipRequest> {

  private final OperatorSettings settings;
  private final DesiredClipJob builder;
  private final ClipGate gate;
  private final ClipJobSlots slots;

  public ClipJob(OperatorSettings settings, ClipSettings clips, ClipGate gate, ClipJobSlots slots) {
    super(Job.class);
    this.settings = settings;
    this.builder = new DesiredClipJob(settings, clips);
    this.gate = gate;
    this.slots = slots;
  }

  @Override
  protected Job desired(ClipRequest clip, Context<ClipRequest> context) {
    Camera camera =
        ClipCameras.of(clip, context)
            .orElseThrow(() -> new IllegalStateException("the precondition checked the Camera"));
    return builder.build(clip, camera, EffectiveStorage.of(camera, settings));
  }

  @Override
  public Matcher.Result<Job> match(Job actual, ClipRequest clip, Context<ClipRequest> context) {
    return Matcher.Result.computed(true, actual);
  }

  /** Whether the Job may be created now: the gate says ready and a slot is free (and taken). */
  boolean mayStart(ClipRequest clip, Context<ClipRequest> context) {
    ClipGate.Decision decision = gate.decide(clip, ClipCameras.of(clip, context));
    if (decision.verdict() != ClipGate.Verdict.READY) {
      return false;
    }
    Stream<Job> cached = eventSource().map(es -> es.list(j -> true)).orElse(Stream.empty());
    return slots.tryTake(
        clip.getMetadata().getNamespace() + "/" + DesiredClipJob.nameOf(clip), cached);
  }
}
