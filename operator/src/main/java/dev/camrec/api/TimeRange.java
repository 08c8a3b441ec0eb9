package dev.camrec.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A span of time, e.g. a gap in the recordings. */
public record TimeRange(
    @JsonPropertyDescription("Start (RFC 3339, UTC).") String start,
    @JsonPropertyDescription("End (RFC 3339, UTC).") String end) {}
