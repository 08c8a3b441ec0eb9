package dev.camrec.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The chart's README documents every value values.yaml has, and nothing it does not have. */
class ChartReadmeTest {

  /** Maps documented as a whole, not key by key. */
  private static final Set<String> WHOLE = Set.of("resources", "minio.resources");

  @Test
  void valuesTableListsEveryValue() throws IOException {
    Map<?, ?> values =
        new KubernetesSerialization()
            .unmarshal(Files.readString(Chart.DIR.resolve("values.yaml")), Map.class);
    Set<String> keys = new TreeSet<>();
    flatten("", values, keys);
    String readme = Files.readString(Chart.DIR.resolve("README.md"));

    Set<String> documented = new TreeSet<>();
    var rows = java.util.regex.Pattern.compile("(?m)^\\| `([^`]+)` \\|").matcher(readme);
    while (rows.find()) {
      documented.add(rows.group(1));
    }
    assertThat(documented).isEqualTo(keys);
  }

  private static void flatten(String prefix, Map<?, ?> map, Set<String> keys) {
    map.forEach(
        (k, v) -> {
          String key = prefix + k;
          if (v instanceof Map<?, ?> nested && !nested.isEmpty() && !WHOLE.contains(key)) {
            flatten(key + ".", nested, keys);
          } else {
            keys.add(key);
          }
        });
  }
}
