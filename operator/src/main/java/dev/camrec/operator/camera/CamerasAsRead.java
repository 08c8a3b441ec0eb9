package dev.camrec.operator.camera;

import dev.camrec.api.Camera;
import dev.camrec.operator.common.TrimmedCache;

/**
 * The Camera controller's cache of Cameras: whole, but without the API server's bookkeeping ({@link
 * TrimmedCache}). Public, with no arguments: JOSDK makes it from the controller's annotation.
 */
public final class CamerasAsRead extends TrimmedCache<Camera> {

  public CamerasAsRead() {
    super(camera -> {});
  }
}
