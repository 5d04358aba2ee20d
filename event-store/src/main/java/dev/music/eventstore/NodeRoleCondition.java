package dev.music.eventstore;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches on nodes whose role ({@link NodeRole}) runs a side. A role that names none runs both
 * here: it is refused as the application starts, with a message that says so.
 */
public abstract class NodeRoleCondition implements Condition {

    protected abstract boolean runs(NodeRole role);

    @Override
    public final boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return NodeRole.configured(context.getEnvironment()).map(this::runs).orElse(true);
    }
}
