package dev.music.app.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code music.role}: which side of the application this node runs, so each can be scaled on
 * its own against one database: {@code all} (default), {@code command} (write routes, no
 * projectors) or {@code query} (read routes and projectors).
 */
@ConfigurationProperties("music")
public record RoleProperties(@DefaultValue("all") Role role) {

    public enum Role {
        ALL, COMMAND, QUERY
    }
}
