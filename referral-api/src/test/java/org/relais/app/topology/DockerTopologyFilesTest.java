package org.relais.app.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The docker/ files are checked without a container engine: the compose file's structure (the services of the
 * production topology, health checks, the replica set's initiation, the settings a replica set needs), its
 * environment names against the settings Relais reads, its credentials (authentication on MongoDB and Axon Server,
 * no published database port, no default secret), and the Dockerfile against the rules it must keep.
 * CI also runs {@code docker-compose config} on it when that tool is available (see .ci/run).
 */
class DockerTopologyFilesTest {

    static final Path DOCKER = Path.of("..", "docker");
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(RELAIS_[A-Z_]+)[:}]");

    @Test
    @SuppressWarnings("unchecked")
    void the_compose_file_describes_the_production_topology() throws IOException {
        Map<String, Map<String, Object>> services = services(Files.readString(DOCKER.resolve("compose.yaml")));

        assertThat(services).containsKeys("postgres", "mongo1", "mongo2", "mongo3", "mongo-init", "axonserver",
                "relais1", "relais2");
        for (String member : List.of("mongo1", "mongo2", "mongo3")) {
            assertThat((List<String>) services.get(member).get("command")).as(member).contains("--replSet", "rs0");
            assertThat(services.get(member)).as(member).containsKeys("healthcheck", "volumes");
        }
        String initiate = String.join(" ", (List<String>) services.get("mongo-init").get("command"));
        assertThat(initiate).contains("rs.initiate", "'rs0'", "mongo1:27017", "mongo2:27017", "mongo3:27017");
        assertThat(services.get("postgres")).containsKeys("healthcheck", "volumes");
        assertThat(services.get("axonserver").get("image").toString()).contains("axoniq/axonserver");
        assertThat(services.get("axonserver")).containsKeys("volumes");

        Set<String> settings = settingsRelaisReads();
        for (String instance : List.of("relais1", "relais2")) {
            Map<String, Object> relais = services.get(instance);
            assertThat(relais).as(instance).containsKeys("healthcheck", "build");
            Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) relais.get("depends_on");
            assertThat(dependsOn.get("postgres").get("condition")).isEqualTo("service_healthy");
            assertThat(dependsOn.get("mongo-init").get("condition")).isEqualTo("service_completed_successfully");

            Map<String, Object> environment = (Map<String, Object>) relais.get("environment");
            String mongoUri = environment.get("RELAIS_MONGODB_URI").toString();
            assertThat(mongoUri).contains("mongo1:27017", "mongo2:27017", "mongo3:27017", "replicaSet=rs0",
                    "w=majority", "readConcernLevel=majority", "readPreference=primary");
            assertThat(environment.get("SPRING_PROFILES_ACTIVE").toString()).contains("postgres");
            environment.keySet().stream().filter(name -> name.startsWith("RELAIS_")).forEach(name ->
                    assertThat(settings).as(instance + " sets " + name + ", which Relais does not read")
                            .contains(name));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_compose_file_asks_for_credentials_everywhere_and_holds_no_default_secret() throws IOException {
        String text = Files.readString(DOCKER.resolve("compose.yaml"));
        Map<String, Map<String, Object>> services = services(text);

        for (String member : List.of("mongo1", "mongo2", "mongo3")) {
            Map<String, Object> mongo = services.get(member);
            assertThat((List<String>) mongo.get("command")).as(member).contains("--keyFile");
            Map<String, Object> environment = (Map<String, Object>) mongo.get("environment");
            assertThat(environment).as(member).containsKeys("MONGO_INITDB_ROOT_USERNAME", "MONGO_INITDB_ROOT_PASSWORD",
                    "MONGO_REPLICA_SET_KEY");
            assertThat(String.join(" ", (List<String>) mongo.get("entrypoint"))).as(member)
                    .contains("chmod 400", "exec docker-entrypoint.sh");
        }
        String initiate = String.join(" ", (List<String>) services.get("mongo-init").get("command"));
        assertThat(initiate).contains(".auth('root', process.env.MONGO_ROOT_PASSWORD)", "createUser",
                "user: 'relais'", "pwd: process.env.RELAIS_MONGODB_PASSWORD", "role: 'readWrite', db: 'relais'");
        for (String instance : List.of("relais1", "relais2")) {
            Map<String, Object> environment = (Map<String, Object>) services.get(instance).get("environment");
            assertThat(environment.get("RELAIS_MONGODB_URI").toString()).as(instance)
                    .startsWith("mongodb://relais:${RELAIS_MONGODB_PASSWORD:?").contains("authSource=relais");
            assertThat(environment).as(instance).containsKey("RELAIS_AXONSERVER_TOKEN");
        }

        Map<String, Object> axonServer = services.get("axonserver");
        Map<String, Object> axonEnvironment = (Map<String, Object>) axonServer.get("environment");
        assertThat(axonEnvironment.get("AXONIQ_AXONSERVER_ACCESSCONTROL_ENABLED")).isEqualTo("true");
        assertThat(axonEnvironment.get("AXONIQ_AXONSERVER_ACCESSCONTROL_TOKEN").toString())
                .startsWith("${RELAIS_AXONSERVER_TOKEN:?");
        assertThat(axonEnvironment).containsKey("AXONIQ_AXONSERVER_ACCESSCONTROL_ADMIN_TOKEN");

        services.forEach((name, service) -> {
            if (!name.startsWith("relais")) {
                assertThat(service).as(name + " publishes no port: only Relais is reached from outside")
                        .doesNotContainKey("ports");
            }
            if (service.get("environment") instanceof Map<?, ?> environment) {
                environment.forEach((key, value) -> {
                    if (key.toString().matches(".*(PASSWORD|TOKEN|_KEY)$")) {
                        assertThat(value.toString()).as(name + " " + key + " comes from a required variable")
                                .matches("\\$\\{[A-Z_]+:\\?[^}]+}");
                    }
                });
            }
        });
        Matcher defaulted = Pattern.compile("\\$\\{[A-Z_]*(PASSWORD|TOKEN|KEY|SECRET)[A-Z_]*:?-").matcher(text);
        List<String> secretsWithDefaults = new ArrayList<>();
        while (defaulted.find()) {
            secretsWithDefaults.add(defaulted.group());
        }
        assertThat(secretsWithDefaults).as("secrets with a default value").isEmpty();
        assertThat(text).as("TLS settings documented for each link")
                .contains("sslmode=verify-full", "--tlsMode requireTLS", "tls=true", "AXONIQ_AXONSERVER_SSL_ENABLED",
                        "AXON_AXONSERVER_SSLENABLED");
    }

    @Test
    void every_secret_the_compose_file_requires_is_given_a_placeholder_by_ci() throws IOException {
        String text = Files.readString(DOCKER.resolve("compose.yaml"));
        String ci = Files.readString(Path.of("..", ".ci", "run"));
        Matcher required = Pattern.compile("\\$\\{([A-Z_]+):\\?").matcher(text);
        Set<String> names = new HashSet<>();
        while (required.find()) {
            names.add(required.group(1));
        }
        assertThat(names).contains("RELAIS_DB_PASSWORD", "RELAIS_MONGODB_PASSWORD", "MONGO_ROOT_PASSWORD",
                "MONGO_REPLICA_SET_KEY", "RELAIS_AXONSERVER_TOKEN", "AXONSERVER_ADMIN_TOKEN");
        for (String name : names) {
            assertThat(ci).as(".ci/run gives " + name + " to docker-compose config").contains(name + "=ci-placeholder");
        }
    }

    @Test
    void the_dockerfile_is_layered_non_root_and_health_checked() throws IOException {
        List<String> lines = Files.readAllLines(DOCKER.resolve("Dockerfile")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        String text = String.join("\n", lines);

        assertThat(lines.stream().filter(line -> line.startsWith("FROM ")))
                .as("every base image pinned to a tag, none 'latest'")
                .allSatisfy(from -> assertThat(from).matches("FROM \\S+:\\S+( AS \\S+)?").doesNotContain(":latest"));
        assertThat(text).contains("-Djarmode=tools -jar app.jar extract --layers --launcher");
        for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
            assertThat(text).contains("COPY --from=layers /build/extracted/" + layer + "/ ./");
        }
        int user = indexOf(lines, "USER ");
        assertThat(user).as("a USER line").isPositive();
        assertThat(lines.get(user)).doesNotContain("root").isNotEqualTo("USER 0");
        assertThat(user).as("USER before ENTRYPOINT").isLessThan(indexOf(lines, "ENTRYPOINT "));
        assertThat(text).contains("HEALTHCHECK").contains("/actuator/health");
        assertThat(text).containsPattern("JAVA_TOOL_OPTIONS=\"[^\"]*MaxRAMPercentage");
        assertThat(lines.get(lines.size() - 1))
                .isEqualTo("ENTRYPOINT [\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services(String compose) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        Map<String, Object> file = new Yaml(options).load(compose);
        return (Map<String, Map<String, Object>>) file.get("services");
    }

    /** RELAIS_* environment names that the profiles read as placeholders. */
    private static Set<String> settingsRelaisReads() throws IOException {
        Set<String> names = new HashSet<>();
        Path resources = Path.of("src", "main", "resources");
        for (String file : List.of("application-postgres.yml", "application-axonserver.yml")) {
            Matcher matcher = PLACEHOLDER.matcher(Files.readString(resources.resolve(file)));
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
