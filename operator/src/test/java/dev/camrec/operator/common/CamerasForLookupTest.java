package dev.camrec.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camrec.api.Camera;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CamerasForLookupTest {

  private static Camera camera(long generation, String site, int segmentSeconds, String newest) {
    return Serialization.unmarshal(
        """
        {"apiVersion":"camrec.dev/v1alpha1","kind":"Camera",
         "metadata":{"name":"door","namespace":"ns","generation":%d,"labels":{"site":"%s"}},
         "spec":{"source":{"url":"rtsp://10.0.0.1/stream"},
                 "recording":{"segmentSeconds":%d}},
         "status":{"lastSegmentTime":"%s"}}
        """
            .formatted(generation, site, segmentSeconds, newest),
        Camera.class);
  }

  @Test
  void aNewSegmentInTheStatusAloneWakesNoLookup() {
    Camera before = camera(1, "hq", 60, "2026-12-02T05:00:00Z");
    Camera after = camera(1, "hq", 60, "2026-12-02T05:01:00Z");
    assertThat(CamerasForLookup.METADATA_OR_SPEC_CHANGED.accept(after, before)).isFalse();
  }

  @Test
  void aChangedSpecLabelOrAnnotationDoes() {
    Camera before = camera(1, "hq", 60, "2026-12-02T05:00:00Z");
    assertThat(
            CamerasForLookup.METADATA_OR_SPEC_CHANGED.accept(
                camera(1, "lab", 60, "2026-12-02T05:00:00Z"), before))
        .isTrue();
    // A spec change, also where the API server does not count generations.
    assertThat(
            CamerasForLookup.METADATA_OR_SPEC_CHANGED.accept(
                camera(1, "hq", 30, "2026-12-02T05:00:00Z"), before))
        .isTrue();
    assertThat(
            CamerasForLookup.METADATA_OR_SPEC_CHANGED.accept(
                camera(2, "hq", 60, "2026-12-02T05:00:00Z"), before))
        .isTrue();
    Camera annotated = camera(1, "hq", 60, "2026-12-02T05:00:00Z");
    annotated.getMetadata().setAnnotations(Map.of("note", "look again"));
    assertThat(CamerasForLookup.METADATA_OR_SPEC_CHANGED.accept(annotated, before)).isTrue();
  }

  @Test
  void theCacheKeepsMetadataAndSpecButNoStatus() {
    CamerasForLookup cache = new CamerasForLookup();
    Camera camera = camera(1, "hq", 60, "2026-12-02T05:00:00Z");
    cache.put(cache.getKey(camera), camera);

    Camera held = cache.get("ns/door");
    assertThat(held.getStatus()).isNull();
    assertThat(held.getMetadata().getLabels()).containsEntry("site", "hq");
    assertThat(held.getSpec().recording().segmentSeconds()).isEqualTo(60);
  }

  @Test
  void theLookupCachesHoldOneObjectForEachVersionOfACamera() {
    CamerasForLookup clips = new CamerasForLookup();
    CamerasForLookup retention = new CamerasForLookup();
    clips.put("ns/door", version("101"));
    retention.put("ns/door", version("101"));
    assertThat(retention.get("ns/door")).isSameAs(clips.get("ns/door"));

    // A new version is a new object, for whichever cache sees it first.
    retention.put("ns/door", version("102"));
    assertThat(retention.get("ns/door")).isNotSameAs(clips.get("ns/door"));
    clips.put("ns/door", version("102"));
    assertThat(clips.get("ns/door")).isSameAs(retention.get("ns/door"));
    assertThat(clips.get("ns/door").getMetadata().getResourceVersion()).isEqualTo("102");
  }

  private static Camera version(String resourceVersion) {
    Camera camera = camera(1, "hq", 60, "2026-12-02T05:00:00Z");
    camera.getMetadata().setResourceVersion(resourceVersion);
    return camera;
  }
}
