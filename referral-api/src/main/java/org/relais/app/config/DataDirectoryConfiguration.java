package org.relais.app.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DataDirectoryConfiguration {

    /** Created on first use only: with PostgreSQL and MongoDB nothing is kept on local disk. */
    @Bean(destroyMethod = "close")
    DataDirectory dataDirectory(RelaisProperties relais) {
        return new DataDirectory(relais.dataDir());
    }
}
