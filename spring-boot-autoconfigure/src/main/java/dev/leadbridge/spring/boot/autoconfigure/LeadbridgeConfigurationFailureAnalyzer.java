package dev.leadbridge.spring.boot.autoconfigure;

import dev.leadbridge.core.error.ConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a Leadbridge {@link ConfigurationException} that stopped the application into Spring Boot's short
 * "APPLICATION FAILED TO START" report: the message naming the {@code leadbridge.*} key at fault, and what to do,
 * instead of a stack trace. Registered in {@code META-INF/spring.factories}.
 */
class LeadbridgeConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Fix the leadbridge.* properties of the application (application.yml or application.properties);"
                        + " the keys under leadbridge.connections.<name>. are those of a Leadbridge configuration"
                        + " file (docs/configuration.md lists every one), or set leadbridge.enabled=false.",
                cause);
    }
}
