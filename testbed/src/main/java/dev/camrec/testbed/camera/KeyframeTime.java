package dev.camrec.testbed.camera;

import java.time.Instant;

/** A video keyframe of a simulated camera: when it was sent on, and the camera's time of it. */
public record KeyframeTime(Instant sent, Instant cameraTime) {}
