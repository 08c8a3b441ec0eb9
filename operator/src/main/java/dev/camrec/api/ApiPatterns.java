package dev.camrec.api;

/** Regular expressions shared by the CRD schemas; the reconcilers check the same rules again. */
public final class ApiPatterns {

  /**
   * A positive whole number of minutes, hours or days, e.g. {@code 30m}, {@code 12h}, {@code 7d}.
   */
  public static final String DURATION = "^[1-9][0-9]*[mhd]$";

  /** RFC 3339 date-time with seconds and a zone, e.g. {@code 2026-01-31T08:00:00Z}. */
  public static final String RFC3339 =
      "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$";

  /** A name of a Kubernetes object (RFC 1123 subdomain). */
  public static final String OBJECT_NAME = "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$";

  private ApiPatterns() {}
}
