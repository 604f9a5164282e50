#!/usr/bin/env bash
# Retort side by side with Flyway, Liquibase and plain JDBC (issue 7).
# Builds the benchmarks module, starts PostgreSQL the way the tests do (RETORT_TEST_JDBC_URL when
# set, else embedded binaries), runs every scenario, prints one table and rewrites
# docs/benchmarks.md.
#
#   benchmarks/run.sh              everything (about 15 minutes on 2 cores)
#   benchmarks/run.sh --quick      every scenario once: a smoke run
#   benchmarks/run.sh --only 1,4   some scenarios (1 apply, 2 no-op, 3 Spring Boot, 4 graph, 5 memory, 6 concurrency)
#   BENCH_BUILD_DIR=target-x benchmarks/run.sh   build into another target directory (-Dbuild.target.dir);
#   not RETORT_TARGET: Spring Boot would read that as the property retort.target
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="${BENCH_BUILD_DIR:-target}"
cd "$root"

echo "Building the benchmarks (mvn -pl benchmarks -am package)..."
mvn -B -q -Dbuild.target.dir="$target" -DskipTests -pl benchmarks -am package

classpath="$root/benchmarks/$target/classes:$(cat "$root/benchmarks/$target/classpath.txt")"
# Flyway's own command line, for scenario 2's row of each tool's command line: resolved apart so
# that its libraries stay off every other JVM's class path (see benchmarks/peer-cli/pom.xml).
mvn -B -q -f "$root/benchmarks/peer-cli/pom.xml" dependency:build-classpath \
  -Dmdep.outputFile="$root/benchmarks/$target/flyway-cli-classpath.txt"
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git status --porcelain 2>/dev/null | grep -v '^?? ' | grep -v 'docs/benchmarks.md' || true)" ]; then
  commit="$commit (with local changes)"
fi

# No Docker here means embedded PostgreSQL; say so rather than probe for it.
export RETORT_TEST_DOCKER="${RETORT_TEST_DOCKER:-false}"
exec java -cp "$classpath" -Dlogback.configurationFile=logback.xml "-Dbench.commit=$commit" "-Dbench.findings=$root/benchmarks/findings.md" "-Dbench.launcher=$root/cli/bin/retort" "-Dbench.cliJar=$root/cli/$target/retort.jar" "-Dbench.flywayCliClassPath=$(cat "$root/benchmarks/$target/flyway-cli-classpath.txt")" dev.retort.benchmarks.Bench --out "$root/docs/benchmarks.md" "$@"
