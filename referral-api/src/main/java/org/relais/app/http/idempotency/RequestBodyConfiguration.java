package org.relais.app.http.idempotency;

import org.relais.app.http.problem.ProblemWriter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class RequestBodyConfiguration {

    /** Ahead of security and of every parser, so that a huge body costs nothing but its headers. */
    @Bean
    FilterRegistrationBean<RequestBodyFilter> requestBodyFilter(ProblemWriter problems, HttpBodyProperties properties) {
        FilterRegistrationBean<RequestBodyFilter> registration = new FilterRegistrationBean<>(
                new RequestBodyFilter(problems, properties.maxBodySize().toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
