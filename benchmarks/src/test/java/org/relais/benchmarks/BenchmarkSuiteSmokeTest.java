package org.relais.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Keeps the benchmark suite from rotting: runs it end to end with tiny sizes, exactly as the README's command does
 * (inside the application's executable jar), and checks that every section produced its figures; then runs only the
 * backup and restore, as {@code --only} selects them. The figures of runs this small mean nothing and are written under
 * target/, never to docs/benchmarks.md.
 */
class BenchmarkSuiteSmokeTest {

    private final Path work = Path.of(System.getProperty("relais.benchmark-work"));

    @Test
    void the_suite_runs_end_to_end_with_tiny_sizes() throws Exception {
        Path table = work.resolve("benchmarks.md");
        String log = suite("suite", "--referrals=40", "--intake=20", "--queries=5", "--heaps=none",
                "--rebuild=case-list", "--heap=512m", "--work=" + work.resolve("data"), "--out=" + table);
        assertThat(log).contains("BENCHMARK intake", "BENCHMARK privacy", "BENCHMARK baseline", "BENCHMARK start-up",
                "BENCHMARK queries", "BENCHMARK rebuild", "BENCHMARK audit", "BENCHMARK read-your-writes",
                "BENCHMARK backup", "BENCHMARK restore", "BENCHMARK recovery", "BENCHMARK disk");
        assertThat(log).doesNotContain("failed (exit");
        String written = Files.readString(table);
        assertThat(written).contains("| area | figure |", "cores", "load average",
                "| backup | backup java -jar … backup --to= (VACUUM INTO, manifest with SHA-256 and counts), online",
                "| backup | online backup POST /api/admin/backups",
                "| restore | restore java -jar … restore");
    }

    @Test
    void only_the_backup_and_the_restore_run_when_selected() throws Exception {
        Path table = work.resolve("backup-restore.md");
        String log = suite("only-backup-restore", "-Drelais.benchmark.only=backup,restore", "--referrals=40",
                "--work=" + work.resolve("data-backup-restore"), "--out=" + table);
        assertThat(log).contains("measurements backup,restore", "BENCHMARK generator", "BENCHMARK backup",
                "BENCHMARK restore");
        assertThat(log).doesNotContain("BENCHMARK intake", "BENCHMARK start-up", "BENCHMARK queries",
                "BENCHMARK rebuild", "failed (exit");
        assertThat(Files.readString(table)).contains("| backup | backup java -jar … backup --to= (VACUUM INTO, manifest "
                        + "with SHA-256 and counts), the store at rest",
                "| restore | restore java -jar … restore").doesNotContain("POST /api/admin/backups");
    }

    /** Runs the suite in the executable jar with these arguments (the -D ones for its JVM); answers its log. */
    private String suite(String name, String... arguments) throws Exception {
        Path jar = Path.of(System.getProperty("relais.app-jar"));
        Path classes = Path.of(System.getProperty("relais.benchmark-classes"));
        assertThat(jar).as("the application jar, packaged before this module").exists();
        Files.createDirectories(work);
        Path output = work.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(),
                // figures this small mean nothing: every JVM of the run compiles with the client compiler only,
                // which starts them in about half the time on two cores
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-Drelais.benchmark.child-jvm-options=-XX:TieredStopAtLevel=1",
                "-Dloader.path=" + classes, "-Dloader.main=" + BenchmarkSuite.class.getName()));
        List<String> options = new ArrayList<>();
        for (String argument : arguments) {
            (argument.startsWith("-D") ? command : options).add(argument);
        }
        command.addAll(List.of("-cp", jar.toString(), "org.springframework.boot.loader.launch.PropertiesLauncher"));
        command.addAll(options);
        Process suite = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean ended = suite.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            suite.destroyForcibly().waitFor();
        }
        String log = Files.readString(output);
        assertThat(ended).as("the suite ended within 10 minutes").isTrue();
        assertThat(suite.exitValue()).as(log).isZero();
        return log;
    }
}
