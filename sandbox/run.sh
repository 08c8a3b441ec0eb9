#!/usr/bin/env bash
# Builds what the sandbox needs, then runs it in the foreground of this terminal. Not through
# Maven's exec: on Ctrl-C Maven exits at once and takes the sandbox's output with it while the
# sandbox goes on stopping behind the prompt. Here Ctrl-C reaches the sandbox's JVM alone (the
# recorders and the operator run in sessions of their own, so the signal does not end them out of
# turn); it stops everything it started, recorders uploading their last segment first, and the
# prompt returns when all of it has stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -Psandbox -pl sandbox -am package -DskipTests
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java" -cp "sandbox/target/classes:$(cat sandbox/target/sandbox.classpath)" \
  -Dcamrec.sandbox.root="$PWD" dev.camrec.sandbox.Sandbox
