package dev.music.query;

import dev.music.eventstore.NodeRole;
import dev.music.eventstore.NodeRoleCondition;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/** Present on nodes that run the query side: the roles {@code all} and {@code query} ({@link NodeRole}). */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Conditional(ConditionalOnQuerySide.OnQuerySide.class)
public @interface ConditionalOnQuerySide {

    final class OnQuerySide extends NodeRoleCondition {

        @Override
        protected boolean runs(NodeRole role) {
            return role.runsQuerySide();
        }
    }
}
