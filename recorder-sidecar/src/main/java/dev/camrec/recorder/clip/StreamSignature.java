package dev.camrec.recorder.clip;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What a decoder must know about a segment's streams before its first packet, read from the sample
 * descriptions ({@code stsd}) in the segment's {@code moov}: codec, picture size and the codec
 * configuration (H.264/H.265 parameter sets) for video; codec, channels and rate for audio. Two
 * segments with equal signatures can be joined by stream copy into one MP4 track; a camera that
 * switched resolution or encoder settings gives a different one.
 *
 * <p>Bitrate boxes ({@code btrt}, the bitrate fields of {@code esds}) are left out on purpose: they
 * vary between segments of one unchanged stream.
 *
 * @param tracks one line per track, in file order, e.g. {@code video avc1 1920x1080 avcC=…}
 */
public record StreamSignature(List<String> tracks) {

  /**
   * Reads the signature from the first bytes of a segment; empty when they hold no complete {@code
   * moov} (see {@link #moovEnd}) or it cannot be read.
   */
  public static Optional<StreamSignature> of(byte[] head) {
    try {
      ByteBuffer file = ByteBuffer.wrap(head);
      Optional<ByteBuffer> moov = child(file, "moov");
      if (moov.isEmpty()) {
        return Optional.empty();
      }
      List<String> tracks = new ArrayList<>();
      for (ByteBuffer trak : children(moov.get(), "trak")) {
        track(trak).ifPresent(tracks::add);
      }
      return tracks.isEmpty() ? Optional.empty() : Optional.of(new StreamSignature(tracks));
    } catch (RuntimeException e) {
      return Optional.empty(); // truncated or odd boxes: not a segment we can judge
    }
  }

  /**
   * Where the {@code moov} box ends, so a caller that read too few bytes knows how many to read;
   * empty if the bytes do not reach the {@code moov} header.
   */
  public static Optional<Long> moovEnd(byte[] head) {
    long offset = 0;
    while (offset + 8 <= head.length) {
      ByteBuffer b = ByteBuffer.wrap(head, (int) offset, 8);
      long size = Integer.toUnsignedLong(b.getInt());
      String type = fourcc(b, b.position());
      if (size < 8) {
        return Optional.empty();
      }
      if (type.equals("moov")) {
        return Optional.of(offset + size);
      }
      offset += size;
    }
    return Optional.empty();
  }

  /** For messages: codec and size of each track, without the configuration bytes. */
  public String describe() {
    return String.join(", ", tracks.stream().map(t -> t.replaceAll(" \\w+=\\S+", "")).toList());
  }

  private static Optional<String> track(ByteBuffer trak) {
    Optional<ByteBuffer> mdia = child(trak, "mdia");
    if (mdia.isEmpty()) {
      return Optional.empty();
    }
    String handler = child(mdia.get(), "hdlr").map(h -> fourcc(h, 8)).orElse("");
    Optional<ByteBuffer> stsd =
        child(mdia.get(), "minf").flatMap(m -> child(m, "stbl")).flatMap(s -> child(s, "stsd"));
    if (stsd.isEmpty()) {
      return Optional.empty();
    }
    ByteBuffer entries = stsd.get();
    entries.position(8); // version, flags, entry count
    Box entry = next(entries);
    return switch (handler) {
      case "vide" -> Optional.of(video(entry));
      case "soun" -> Optional.of(audio(entry));
      default -> Optional.empty();
    };
  }

  private static String video(Box entry) {
    ByteBuffer body = entry.payload();
    int width = Short.toUnsignedInt(body.getShort(24));
    int height = Short.toUnsignedInt(body.getShort(26));
    StringBuilder s = new StringBuilder("video ").append(entry.type()).append(' ');
    s.append(width).append('x').append(height);
    body.position(78); // the fixed fields of a visual sample entry; child boxes follow
    while (body.remaining() >= 8) {
      Box box = next(body);
      if (box.type().equals("avcC") || box.type().equals("hvcC") || box.type().equals("av1C")) {
        byte[] config = new byte[box.payload().remaining()];
        box.payload().get(config);
        s.append(' ').append(box.type()).append('=').append(HexFormat.of().formatHex(config));
      }
    }
    return s.toString();
  }

  private static String audio(Box entry) {
    ByteBuffer body = entry.payload();
    int channels = Short.toUnsignedInt(body.getShort(16));
    long rate = Integer.toUnsignedLong(body.getInt(24)) >>> 16;
    return "audio " + entry.type() + " " + channels + "ch " + rate + "Hz";
  }

  /** The first direct child box of that type, its payload as a buffer from index 0. */
  private static Optional<ByteBuffer> child(ByteBuffer parent, String type) {
    ByteBuffer b = parent.duplicate();
    while (b.remaining() >= 8) {
      Box box = next(b);
      if (box.type().equals(type)) {
        return Optional.of(box.payload());
      }
    }
    return Optional.empty();
  }

  private static List<ByteBuffer> children(ByteBuffer parent, String type) {
    ByteBuffer b = parent.duplicate();
    List<ByteBuffer> found = new ArrayList<>();
    while (b.remaining() >= 8) {
      Box box = next(b);
      if (box.type().equals(type)) {
        found.add(box.payload());
      }
    }
    return found;
  }

  private record Box(String type, ByteBuffer payload) {}

  /** The box at the buffer's position; advances past it. */
  private static Box next(ByteBuffer b) {
    int start = b.position();
    long size = Integer.toUnsignedLong(b.getInt());
    String type = fourcc(b, b.position());
    b.position(b.position() + 4);
    int header = 8;
    if (size == 1) {
      size = b.getLong();
      header = 16;
    } else if (size == 0) {
      size = b.limit() - start;
    }
    if (size < header || start + size > b.limit()) {
      throw new IllegalArgumentException(type + " box runs past its parent");
    }
    ByteBuffer payload = b.duplicate().position(start + header).limit((int) (start + size)).slice();
    b.position((int) (start + size));
    return new Box(type, payload);
  }

  private static String fourcc(ByteBuffer b, int index) {
    byte[] t = new byte[4];
    b.get(index, t);
    return new String(t, StandardCharsets.ISO_8859_1);
  }
}
