package org.relais.app.upgrade;

import java.util.List;

import javax.sql.DataSource;

import org.relais.projections.rebuild.ProjectionRebuilder;
import org.relais.app.config.DataDirectory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/** Upgrades of the data at start, and the refusal of data written by a newer version (docs/production.md). */
@Configuration(proxyBeanMethods = false)
class UpgradeConfiguration {

    /** The stores of the embedded default take this bean, so that it looks at their files before they open them. */
    @Bean
    DataDirectoryUpgrade dataDirectoryUpgrade(ObjectProvider<DataDirectory> dataDirectory, Environment environment) {
        if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
            return DataDirectoryUpgrade.external();
        }
        List<String> locations = Binder.get(environment).bind("spring.flyway.locations", String[].class)
                .map(List::of).orElse(List.of("classpath:db/migration/{vendor}"));
        boolean embeddedReadSide = !StringUtils.hasText(environment.getProperty("spring.mongodb.uri"))
                && !StringUtils.hasText(environment.getProperty("spring.data.mongodb.uri"));
        boolean inMemory = "memory".equals(environment.getProperty("relais.read-side.embedded", "file"));
        return DataDirectoryUpgrade.embedded(dataDirectory.getObject(), locations, embeddedReadSide, inMemory);
    }

    @Bean
    ReadSideShapeRebuild readSideShapeRebuild(ObjectProvider<ProjectionRebuilder> rebuilder,
                                              ObjectProvider<DataSource> dataSource) {
        return new ReadSideShapeRebuild(rebuilder, dataSource);
    }

    @Bean
    UpgradingMigrationStrategy upgradingMigrationStrategy(DataDirectoryUpgrade upgrade,
                                                          ReadSideShapeRebuild readSideShapeRebuild) {
        return new UpgradingMigrationStrategy(upgrade, readSideShapeRebuild);
    }
}
