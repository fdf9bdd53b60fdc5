package org.relais.app.upgrade;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.axonframework.serialization.Revision;
import org.flywaydb.core.api.MigrationVersion;
import org.relais.projections.support.ReadSideShape;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/** What this version of Relais knows: the data format it writes and can read. */
final class KnownDataFormat {

    /** Where the event types live (whatever sub-package each is in). */
    static final String EVENT_PACKAGE = "org.relais.core";

    private static final Pattern MIGRATION = Pattern.compile("^V([0-9._]+)__.*\\.sql$");

    private KnownDataFormat() {
    }

    /** This version's format, its schema version read from the migrations of {@code locations} for {@code vendor}. */
    static DataFormat of(List<String> locations, String vendor) {
        return of(latestMigration(locations, vendor));
    }

    static DataFormat of(String schemaVersion) {
        return new DataFormat(schemaVersion, eventRevisions(), ReadSideShape.CURRENT, applicationVersion());
    }

    /** The highest revision of every event type ({@link Revision} on its class), by simple class name. */
    static SortedMap<String, Integer> eventRevisions() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isIndependent();
            }
        };
        scanner.addIncludeFilter(new AnnotationTypeFilter(Revision.class, false));
        SortedMap<String, Integer> revisions = new TreeMap<>();
        for (BeanDefinition definition : scanner.findCandidateComponents(EVENT_PACKAGE)) {
            Map<String, Object> revision = ((AnnotatedBeanDefinition) definition).getMetadata()
                    .getAnnotationAttributes(Revision.class.getName());
            String className = definition.getBeanClassName();
            String simpleName = className.substring(className.lastIndexOf('.') + 1);
            revisions.merge(simpleName, Integer.parseInt(String.valueOf(revision.get("value")).trim()), Math::max);
        }
        return revisions;
    }

    /** The version of this build ({@code META-INF/build-info.properties}); {@code development} without one. */
    static String applicationVersion() {
        try (InputStream in = KnownDataFormat.class.getResourceAsStream("/META-INF/build-info.properties")) {
            if (in != null) {
                Properties build = new Properties();
                build.load(in);
                String version = build.getProperty("build.version");
                if (version != null && !version.isBlank()) {
                    return version.trim();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the build's version", e);
        }
        String version = KnownDataFormat.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    /** The latest versioned SQL migration found in the locations, {@code {vendor}} replaced. */
    static String latestMigration(List<String> locations, String vendor) {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        MigrationVersion latest = MigrationVersion.fromVersion("0");
        for (String location : locations) {
            String path = location.trim().replace("{vendor}", vendor);
            if (!path.startsWith("classpath:")) {
                continue;
            }
            String pattern = "classpath*:" + path.substring("classpath:".length()).replaceAll("/+$", "") + "/*.sql";
            try {
                for (Resource resource : resolver.getResources(pattern)) {
                    Matcher matcher = MIGRATION.matcher(String.valueOf(resource.getFilename()));
                    if (matcher.matches()) {
                        MigrationVersion version = MigrationVersion.fromVersion(matcher.group(1));
                        if (version.compareTo(latest) > 0) {
                            latest = version;
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the schema migrations", e);
            }
        }
        return latest.getVersion();
    }
}
