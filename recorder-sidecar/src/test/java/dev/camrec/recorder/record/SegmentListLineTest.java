package dev.camrec.recorder.record;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SegmentListLineTest {

  @Test
  void readsNameStartAndEnd() {
    assertThat(SegmentListLine.parse("run17-000003.mp4,6.677244,8.675867"))
        .contains(new SegmentListLine("run17-000003.mp4", 6.677244, 8.675867));
  }

  @Test
  void acceptsQuotedNames() {
    assertThat(SegmentListLine.parse("\"run1-000000.mp4\",0.000000,2.000000"))
        .contains(new SegmentListLine("run1-000000.mp4", 0, 2));
  }

  @Test
  void rejectsAnythingElse() {
    assertThat(SegmentListLine.parse("")).isEmpty();
    assertThat(SegmentListLine.parse("progress=continue")).isEmpty();
    assertThat(SegmentListLine.parse("a.mp4,x,2.0")).isEmpty();
    assertThat(SegmentListLine.parse("a.mp4,3.0,2.0")).isEmpty();
  }
}
