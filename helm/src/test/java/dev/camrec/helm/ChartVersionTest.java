package dev.camrec.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chart follows the pom: version is the project version (0.1.0-SNAPSHOT is valid SemVer, a
 * pre-release), appVersion and the default images are the image tag and names the build gives.
 */
class ChartVersionTest {

  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  @Test
  void chartVersionIsTheProjectVersionAndAppVersionTheImageTag() throws IOException {
    Map<?, ?> chart = YAML.unmarshal(Files.readString(Chart.DIR.resolve("Chart.yaml")), Map.class);

    assertThat(chart.get("version")).isEqualTo(System.getProperty("camrec.project.version"));
    assertThat(chart.get("appVersion")).isEqualTo(System.getProperty("camrec.image.tag"));
  }

  @Test
  void defaultImagesAreTheOnesTheBuildProduces() throws IOException {
    Map<?, ?> values =
        YAML.unmarshal(Files.readString(Chart.DIR.resolve("values.yaml")), Map.class);
    String registry = System.getProperty("camrec.image.registry");
    String tag = System.getProperty("camrec.image.tag");

    assertThat(image((Map<?, ?>) values.get("image")))
        .isEqualTo(registry + "/camrec-operator:" + tag);
    assertThat(image((Map<?, ?>) ((Map<?, ?>) values.get("recorder")).get("image")))
        .isEqualTo(registry + "/recorder-sidecar:" + tag);
  }

  private static String image(Map<?, ?> image) {
    return image.get("repository") + ":" + image.get("tag");
  }
}
