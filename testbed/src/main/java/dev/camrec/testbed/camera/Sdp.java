package dev.camrec.testbed.camera;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The tracks of a publisher's SDP: per m= section its control attribute and encoding name. */
record Sdp(String text, List<Track> tracks) {

  record Track(String media, String control, String encoding) {}

  static Sdp parse(String text) {
    List<Track> tracks = new ArrayList<>();
    String media = null;
    String control = null;
    String encoding = "";
    for (String line : text.split("\r?\n")) {
      if (line.startsWith("m=")) {
        if (media != null) {
          tracks.add(new Track(media, control, encoding));
        }
        media = line.substring(2).split(" ")[0];
        control = null;
        encoding = "";
      } else if (media != null && line.startsWith("a=control:")) {
        control = line.substring("a=control:".length()).trim();
      } else if (media != null && line.startsWith("a=rtpmap:")) {
        String[] parts = line.split(" ");
        encoding = parts.length > 1 ? parts[1].split("/")[0].toUpperCase(Locale.ROOT) : "";
      }
    }
    if (media != null) {
      tracks.add(new Track(media, control, encoding));
    }
    return new Sdp(text, List.copyOf(tracks));
  }

  /** The index of the track a SETUP URL names (it ends with the track's control), or -1. */
  int trackOf(String setupUri) {
    for (int i = 0; i < tracks.size(); i++) {
      String control = tracks.get(i).control();
      if (control != null && setupUri.endsWith(control)) {
        return i;
      }
    }
    return tracks.size() == 1 ? 0 : -1;
  }
}
