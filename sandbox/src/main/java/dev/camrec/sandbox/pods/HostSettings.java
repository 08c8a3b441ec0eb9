package dev.camrec.sandbox.pods;

import dev.camrec.contract.env.ClipEnv;
import dev.camrec.contract.env.CommonEnv;
import dev.camrec.contract.env.RecordEnv;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How container commands become host processes.
 *
 * @param dataDir each pod gets a folder here (its spool and its log)
 * @param launchers image command (e.g. {@code recorder-sidecar}) to the host command line that
 *     replaces it (e.g. {@code java -cp ... dev.camrec.recorder.Main}); other commands run as they
 *     are
 * @param portEnv env variable that carries the container's HTTP port; it gets a free host port
 * @param podDirEnvs env variables that carry a pod-local directory (the recorder's spool, a clip's
 *     work directory); each gets the pod's own folder
 * @param terminationLogEnv env variable that carries the container's terminationMessagePath; it
 *     gets a file in the pod's folder
 * @param maxRestartBackoff cap of the doubling delay before a crashed container is started again
 */
public record HostSettings(
    Path dataDir,
    Map<String, List<String>> launchers,
    String portEnv,
    List<String> podDirEnvs,
    String terminationLogEnv,
    Duration maxRestartBackoff) {

  /**
   * The recorder image's pod contract: CAMREC_HTTP_PORT, CAMREC_SPOOL_DIR (record) and
   * CAMREC_CLIP_WORK_DIR (clip), CAMREC_TERMINATION_LOG.
   */
  public static HostSettings forRecorder(Path dataDir, Map<String, List<String>> launchers) {
    return new HostSettings(
        dataDir,
        launchers,
        RecordEnv.HTTP_PORT,
        List.of(RecordEnv.SPOOL_DIR, ClipEnv.WORK_DIR),
        CommonEnv.TERMINATION_LOG,
        Duration.ofSeconds(30));
  }
}
