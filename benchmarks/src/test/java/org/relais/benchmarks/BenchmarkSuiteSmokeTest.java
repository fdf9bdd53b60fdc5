package org.relais.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Keeps the benchmark suite from rotting: runs it end to end with tiny sizes, exactly as the README's command does
 * (inside the application's executable jar), and checks that every section produced its figures. The figures of a
 * run this small mean nothing and are written under target/, never to docs/benchmarks.md.
 */
class BenchmarkSuiteSmokeTest {

    @Test
    void the_suite_runs_end_to_end_with_tiny_sizes() throws Exception {
        Path jar = Path.of(System.getProperty("relais.app-jar"));
        Path classes = Path.of(System.getProperty("relais.benchmark-classes"));
        Path work = Path.of(System.getProperty("relais.benchmark-work"));
        assertThat(jar).as("the application jar, packaged before this module").exists();
        Files.createDirectories(work);
        Path output = work.resolve("suite.log");
        Path table = work.resolve("benchmarks.md");
        Process suite = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // figures this small mean nothing: every JVM of the run compiles with the client compiler only,
                // which starts them in about half the time on two cores
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-Drelais.benchmark.child-jvm-options=-XX:TieredStopAtLevel=1",
                "-Dloader.path=" + classes, "-Dloader.main=" + BenchmarkSuite.class.getName(),
                "-cp", jar.toString(), "org.springframework.boot.loader.launch.PropertiesLauncher",
                "--referrals=40", "--intake=20", "--queries=5", "--heaps=none", "--rebuild=case-list",
                "--heap=512m", "--work=" + work.resolve("data"), "--out=" + table))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean ended = suite.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            suite.destroyForcibly().waitFor();
        }
        String log = Files.readString(output);
        assertThat(ended).as("the suite ended within 10 minutes").isTrue();
        assertThat(suite.exitValue()).as(log).isZero();
        assertThat(log).contains("BENCHMARK intake", "BENCHMARK privacy", "BENCHMARK baseline", "BENCHMARK start-up",
                "BENCHMARK queries", "BENCHMARK rebuild", "BENCHMARK audit", "BENCHMARK read-your-writes");
        assertThat(Files.readString(table)).contains("| area | figure |", "cores", "load average");
    }
}
