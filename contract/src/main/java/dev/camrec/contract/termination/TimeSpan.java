package dev.camrec.contract.termination;

/** A time range in a result, both ends RFC 3339 UTC. */
public record TimeSpan(String start, String end) {}
