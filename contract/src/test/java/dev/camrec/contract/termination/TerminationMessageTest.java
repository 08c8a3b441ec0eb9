package dev.camrec.contract.termination;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminationMessageTest {

  @Test
  void readsBackWhatItWrites() {
    TerminationMessage written =
        new TerminationMessage(
            TerminationMessage.AUDIO_CODEC_NOT_STORABLE, "pcm_alaw \"quoted\"\nnext line");

    assertThat(written.toJson()).doesNotContain("\n");
    assertThat(TerminationMessage.parse(written.toJson() + "\n")).contains(written);
  }

  @Test
  void ignoresWhatTheRecorderDidNotWrite() {
    assertThat(TerminationMessage.parse(null)).isEmpty();
    assertThat(TerminationMessage.parse("")).isEmpty();
    assertThat(TerminationMessage.parse("panic: out of memory\n\tat main()")).isEmpty();
    assertThat(TerminationMessage.parse("{\"message\":\"no reason\"}")).isEmpty();
  }
}
