package dev.camrec.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimpleJsonPathTest {

  private final JsonNode camera =
      read(
          """
      {"metadata": {"name": "yard"},
       "status": {"lastSegmentTime": "2026-01-01T00:00:00Z",
                  "conditions": [{"type": "Ready", "status": "True"},
                                 {"type": "Recording", "status": "False"}]}}
      """);

  @Test
  void followsFields() {
    assertThat(texts(".metadata.name")).containsExactly("yard");
    assertThat(texts(".status.lastSegmentTime")).containsExactly("2026-01-01T00:00:00Z");
  }

  @Test
  void filtersArraysByEquality() {
    assertThat(texts(".status.conditions[?(@.type==\"Recording\")].status"))
        .containsExactly("False");
    assertThat(texts(".status.conditions[?(@.type=='Ready')].status")).containsExactly("True");
    assertThat(texts(".status.conditions[?(@.type==\"Missing\")].status")).isEmpty();
  }

  @Test
  void indexesAndWildcards() {
    assertThat(texts(".status.conditions[1].type")).containsExactly("Recording");
    assertThat(texts(".status.conditions[-1].type")).containsExactly("Recording");
    assertThat(texts(".status.conditions[*].type")).containsExactly("Ready", "Recording");
    assertThat(texts("{.status.conditions[0].status}")).containsExactly("True");
  }

  @Test
  void absentFieldsSelectNothing() {
    assertThat(texts(".spec.recording.enabled")).isEmpty();
  }

  @Test
  void rejectsWhatItCannotEvaluate() {
    assertThatThrownBy(() -> SimpleJsonPath.parse("status..x["))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void agesReadLikeKubectl() {
    assertThat(HumanDuration.of(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(HumanDuration.of(Duration.ofSeconds(303))).isEqualTo("5m3s");
    assertThat(HumanDuration.of(Duration.ofMinutes(45))).isEqualTo("45m");
    assertThat(HumanDuration.of(Duration.ofMinutes(190))).isEqualTo("3h10m");
    assertThat(HumanDuration.of(Duration.ofHours(52))).isEqualTo("2d4h");
    assertThat(HumanDuration.of(Duration.ofDays(400))).isEqualTo("400d");
  }

  private java.util.List<String> texts(String path) {
    return SimpleJsonPath.parse(path).evaluate(camera).stream().map(JsonNode::asText).toList();
  }

  private static JsonNode read(String json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
