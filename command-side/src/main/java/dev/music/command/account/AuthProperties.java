package dev.music.command.account;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code music.auth.*}: sign-up and token lifetimes. The signing key is {@code music.jwt.*}
 * (the application's {@code JwtProperties}).
 */
@ConfigurationProperties("music.auth")
public record AuthProperties(
        @DefaultValue("true") boolean selfRegistration,
        @DefaultValue("60m") Duration accessTokenLifetime,
        @DefaultValue("1d") Duration refreshTokenLifetime) {}
