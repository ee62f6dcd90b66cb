package dev.leadbridge.spring.boot.autoconfigure;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when at least one {@code leadbridge.connections.<name>.*} property is set: an application that only has
 * the starter on its class path, with nothing configured, starts without a Leadbridge client instead of failing.
 */
class OnLeadbridgeConnectionsCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> connections = Binder.get(context.getEnvironment())
                .bind("leadbridge.connections", Bindable.mapOf(String.class, Object.class))
                .orElse(Map.of());
        return connections.isEmpty()
                ? ConditionOutcome.noMatch("no leadbridge.connections.<name>.* property is set")
                : ConditionOutcome.match("leadbridge.connections names " + connections.keySet());
    }
}
