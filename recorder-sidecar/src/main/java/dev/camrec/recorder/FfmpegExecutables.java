package dev.camrec.recorder;

import dev.camrec.contract.env.CommonEnv;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which ffmpeg/ffprobe the recorder runs: {@code CAMREC_FFMPEG} if set, else the one on
 * PATH, else the executable bundled in the org.bytedeco:ffmpeg jar (extracted on first use).
 */
public final class FfmpegExecutables {

  private FfmpegExecutables() {}

  public static Path ffmpeg(Map<String, String> env) {
    String configured = env.get(CommonEnv.FFMPEG);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return onPath(env, "ffmpeg").orElseGet(() -> bundled(org.bytedeco.ffmpeg.ffmpeg.class));
  }

  /** The ffprobe beside the chosen ffmpeg when there is one, so both come from one build. */
  public static Path ffprobe(Map<String, String> env) {
    Path sibling = ffmpeg(env).resolveSibling("ffprobe");
    if (Files.isExecutable(sibling)) {
      return sibling;
    }
    return onPath(env, "ffprobe").orElseGet(() -> bundled(org.bytedeco.ffmpeg.ffprobe.class));
  }

  private static Optional<Path> onPath(Map<String, String> env, String name) {
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return Optional.of(Path.of(dir, name));
      }
    }
    return Optional.empty();
  }

  private static Path bundled(Class<?> executable) {
    String path = org.bytedeco.javacpp.Loader.load(executable);
    if (path == null) {
      throw new IllegalStateException("no bundled executable for " + executable.getSimpleName());
    }
    return Path.of(path);
  }
}
