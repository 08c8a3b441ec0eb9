package dev.camrec.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One source for the CRDs: the chart's crds/ holds the same files as the top-level crds/, which are
 * generated from the API classes. {@code ./mvnw -B -q -pl operator -am process-test-classes
 * -Pupdate-crds} writes both.
 */
class ChartCrdsTest {

  private static final Path TOP_LEVEL = Path.of(System.getProperty("camrec.crds"));
  private static final Path IN_CHART = Chart.DIR.resolve("crds");

  @Test
  void chartCrdsAreTheGeneratedOnes() throws IOException {
    assertThat(names(IN_CHART)).isEqualTo(names(TOP_LEVEL)).isNotEmpty();
    for (String name : names(TOP_LEVEL)) {
      assertThat(IN_CHART.resolve(name))
          .as("helm/camrec/crds/%s differs from crds/%s: run the update-crds profile", name, name)
          .hasSameTextualContentAs(TOP_LEVEL.resolve(name));
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
