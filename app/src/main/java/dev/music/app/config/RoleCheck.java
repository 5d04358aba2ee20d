package dev.music.app.config;

import dev.music.eventstore.NodeRole;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * {@code music.role} ({@link NodeRole}): each side decides whether it runs by its own condition
 * ({@code @ConditionalOnCommandSide}, {@code @ConditionalOnQuerySide}), which runs both for a
 * misspelt role; this refuses any other value as the application starts.
 */
@Configuration(proxyBeanMethods = false)
class RoleCheck {

    RoleCheck(Environment environment) {
        if (NodeRole.configured(environment).isEmpty()) {
            throw new IllegalStateException("music.role is '" + environment.getProperty(NodeRole.PROPERTY)
                    + "': it must be one of " + NodeRole.names());
        }
    }
}
