package org.relais.app.dashboard;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets the dashboard's streams start once their requests have gone asynchronous ({@link StreamStart}). On every path:
 * it does nothing for a request whose handler handed it no start, and a stream moved to another path keeps working.
 */
@Configuration(proxyBeanMethods = false)
class DashboardConfiguration implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new StreamStart());
    }
}
