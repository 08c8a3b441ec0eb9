package dev.camrec.operator.retention;

/** Something wrong in a policy's spec; the reason is CamelCase, the message says what to fix. */
record PolicyProblem(String reason, String message) {}
