package org.relais.app.dashboard;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Lets the dashboard's streams start once their requests have gone asynchronous ({@link StreamStart}). */
@Configuration(proxyBeanMethods = false)
class DashboardConfiguration implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new StreamStart()).addPathPatterns("/api/dashboard/stream", "/ui/dashboard/stream");
    }
}
