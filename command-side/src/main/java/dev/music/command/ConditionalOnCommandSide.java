package dev.music.command;

import dev.music.eventstore.NodeRole;
import dev.music.eventstore.NodeRoleCondition;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/** Present on nodes that run the command side: the roles {@code all} and {@code command} ({@link NodeRole}). */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Conditional(ConditionalOnCommandSide.OnCommandSide.class)
public @interface ConditionalOnCommandSide {

    final class OnCommandSide extends NodeRoleCondition {

        @Override
        protected boolean runs(NodeRole role) {
            return role.runsCommandSide();
        }
    }
}
