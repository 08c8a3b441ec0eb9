package dev.camrec.recorder.record;

/**
 * What happens to the camera's audio: kept as is, re-encoded to AAC (for codecs MP4 can't hold), or
 * dropped.
 */
public enum AudioMode {
  COPY,
  AAC,
  NONE
}
