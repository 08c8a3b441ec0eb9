package dev.camrec.operator.retention;

import dev.camrec.api.ApiPatterns;
import dev.camrec.api.RetentionPolicySpec;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A policy's maxAge and maxBytes as numbers for the Job's environment, read with the CRD's own
 * patterns ({@link ApiPatterns#DURATION}, {@link RetentionPolicySpec#MAX_BYTES_PATTERN}): the
 * reconciler checks them again because an API server without the schema (or an old CRD) lets
 * anything through.
 */
record PolicyLimits(Optional<Duration> maxAge, Optional<Long> maxBytes) {

  private static final Pattern DURATION = Pattern.compile(ApiPatterns.DURATION);
  private static final Pattern BYTES = Pattern.compile(RetentionPolicySpec.MAX_BYTES_PATTERN);
  private static final Map<String, BigInteger> UNITS =
      Map.ofEntries(
          Map.entry("", BigInteger.ONE),
          Map.entry("k", BigInteger.TEN.pow(3)),
          Map.entry("M", BigInteger.TEN.pow(6)),
          Map.entry("G", BigInteger.TEN.pow(9)),
          Map.entry("T", BigInteger.TEN.pow(12)),
          Map.entry("P", BigInteger.TEN.pow(15)),
          Map.entry("Ki", BigInteger.TWO.pow(10)),
          Map.entry("Mi", BigInteger.TWO.pow(20)),
          Map.entry("Gi", BigInteger.TWO.pow(30)),
          Map.entry("Ti", BigInteger.TWO.pow(40)),
          Map.entry("Pi", BigInteger.TWO.pow(50)));
  private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

  /** The limits, or what is wrong with them for a person to fix. */
  static Result of(RetentionPolicySpec spec) {
    if (spec.maxAge() == null && spec.maxBytes() == null) {
      return Result.problem(
          "set spec.maxAge, spec.maxBytes or both: a policy without either deletes nothing");
    }
    Optional<Duration> age = Optional.empty();
    if (spec.maxAge() != null) {
      age = duration(spec.maxAge());
      if (age.isEmpty()) {
        return Result.problem(
            "spec.maxAge '" + spec.maxAge() + "' is not a positive number of m, h or d (e.g. 7d)");
      }
    }
    Optional<Long> bytes = Optional.empty();
    if (spec.maxBytes() != null) {
      bytes = bytes(spec.maxBytes());
      if (bytes.isEmpty()) {
        return Result.problem(
            "spec.maxBytes '"
                + spec.maxBytes()
                + "' is not a positive whole number with an optional Ki, Mi, Gi, Ti, Pi, k, M,"
                + " G, T or P (e.g. 50Gi)");
      }
    }
    return new Result(Optional.of(new PolicyLimits(age, bytes)), Optional.empty());
  }

  /** Either limits or a problem. */
  record Result(Optional<PolicyLimits> limits, Optional<String> problem) {
    static Result problem(String message) {
      return new Result(Optional.empty(), Optional.of(message));
    }
  }

  private static Optional<Duration> duration(String text) {
    if (!DURATION.matcher(text).matches() || text.length() > 10) {
      return Optional.empty();
    }
    long n = Long.parseLong(text.substring(0, text.length() - 1));
    return Optional.of(
        switch (text.charAt(text.length() - 1)) {
          case 'm' -> Duration.ofMinutes(n);
          case 'h' -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        });
  }

  private static Optional<Long> bytes(String text) {
    Matcher m = BYTES.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    String unit = m.group(1) == null ? "" : m.group(1);
    BigInteger value =
        new BigInteger(text.substring(0, text.length() - unit.length())).multiply(UNITS.get(unit));
    return value.compareTo(MAX) > 0 ? Optional.empty() : Optional.of(value.longValueExact());
  }
}
