package dev.camrec.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * values.schema.json rejects bad values at {@code helm install}/{@code template}: each file in
 * bad-values/ starts with {@code # expect: } and the line a user sees from Helm.
 */
@ExtendWith(SandboxApi.class)
class ValuesSchemaTest {

  private static final String EXPECT = "# expect: ";

  static Stream<Path> badValuesFiles() throws IOException, URISyntaxException {
    Path dir = Path.of(ValuesSchemaTest.class.getResource("/bad-values").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> sorted = files.sorted().toList();
      return sorted.stream();
    }
  }

  @Test
  void thereAreAtLeastFiveBadValuesFiles() throws Exception {
    assertThat(badValuesFiles()).hasSizeGreaterThanOrEqualTo(5);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badValuesFiles")
  void helmRejectsWithAMessageNamingTheValue(Path valuesFile) throws IOException {
    String firstLine = Files.readAllLines(valuesFile).get(0);
    assertThat(firstLine).startsWith(EXPECT);
    String expected = firstLine.substring(EXPECT.length());

    assertThatThrownBy(() -> Chart.render(Map.of(), valuesFile))
        .hasMessageStartingWith(
            "values don't meet the specifications of the schema(s) in the following chart(s)")
        .hasMessageContaining(expected);
  }

  @Test
  void theDefaultValuesMeetTheSchema() {
    // helm lint and template validate the defaults too; this names the schema if they do not.
    assertThat(Chart.render(Chart.INSTALL_COMMAND_VALUES, null)).contains("kind: Deployment");
  }
}
