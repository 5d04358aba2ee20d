package dev.music.query;

import dev.music.eventstore.NodeRole;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Present on nodes that run the query side: the roles {@code all} and {@code query}
 * ({@link NodeRole}), not {@code command}. A role that names none of them is refused as the
 * application starts, not here.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(ConditionalOnQuerySide.OnQuerySide.class)
public @interface ConditionalOnQuerySide {

    final class OnQuerySide implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return NodeRole.configured(context.getEnvironment())
                    .map(NodeRole::runsQuerySide)
                    .orElse(true);
        }
    }
}
