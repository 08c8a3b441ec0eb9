package dev.camrec.recorder.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HevcTagTest {

  @TempDir Path tmp;

  @Test
  void hev1SampleEntryIsRenamedHvc1AndNothingElseChanges() throws Exception {
    byte[] mp4 = fragmentedMp4("hev1");
    Path file = Files.write(tmp.resolve("seg.mp4"), mp4);

    assertThat(HevcTag.toHvc1(file)).isTrue();

    assertThat(Files.readAllBytes(file)).isEqualTo(fragmentedMp4("hvc1"));
  }

  @Test
  void h264IsLeftAlone() throws Exception {
    Path file = Files.write(tmp.resolve("seg.mp4"), fragmentedMp4("avc1"));
    assertThat(HevcTag.toHvc1(file)).isFalse();
    assertThat(Files.readAllBytes(file)).isEqualTo(fragmentedMp4("avc1"));
  }

  @Test
  void aFileCutOffInsideItsMoovIsLeftAlone() throws Exception {
    byte[] mp4 = fragmentedMp4("hev1");
    Path file = Files.write(tmp.resolve("seg.mp4"), java.util.Arrays.copyOf(mp4, 40));
    assertThat(HevcTag.toHvc1(file)).isFalse();
  }

  /** ftyp, then moov > trak > mdia > minf > stbl > stsd with one entry, then a moof. */
  static byte[] fragmentedMp4(String entry) {
    byte[] stsd = box("stsd", concat(new byte[8], box(entry, new byte[16])));
    byte[] trak = box("trak", box("mdia", box("minf", box("stbl", stsd))));
    byte[] moov = box("moov", concat(box("mvhd", new byte[12]), trak));
    return concat(
        box("ftyp", "isom".getBytes(StandardCharsets.US_ASCII)), moov, box("moof", new byte[8]));
  }

  static byte[] box(String type, byte[] body) {
    ByteBuffer b = ByteBuffer.allocate(8 + body.length);
    b.putInt(8 + body.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(body);
    return b.array();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
