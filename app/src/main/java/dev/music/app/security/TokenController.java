package dev.music.app.security;

import dev.music.command.ConditionalOnCommandSide;
import dev.music.command.account.Account;
import dev.music.command.account.AccountService;
import dev.music.command.web.CompatibleBody;
import dev.music.command.web.WriteProblems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/token/} and {@code /api/token/refresh/}, as the earlier API (SimpleJWT) answered them. */
@ConditionalOnCommandSide
@RestController
@ConditionalOnWebApplication
@Tag(name = "Accounts", description = "sign up, sign in, the signed-in account")
class TokenController {

    private final AccountService accounts;
    private final JwtTokens tokens;

    TokenController(AccountService accounts, JwtTokens tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    @Operation(
            summary = "Sign in",
            description = "Body {\"username\", \"password\"}: answers an access token "
                    + "(Authorization: Bearer …, 60 minutes) and a refresh token (1 day).")
    @ApiResponse(responseCode = "200", description = "the account's tokens")
    @ApiResponse(responseCode = "401", description = "no active account with these credentials")
    @PostMapping("/api/token/")
    TokenPair token(@CompatibleBody TokenRequest credentials) {
        Optional<Account> account = accounts.authenticate(credentials.username(), credentials.password());
        if (account.isEmpty()) {
            throw WriteProblems.status(
                    HttpStatus.UNAUTHORIZED,
                    "No active account found with the given credentials",
                    Map.of("code", "no_active_account"));
        }
        return new TokenPair(
                tokens.refresh(account.get().id()), tokens.access(account.get().id()));
    }

    @Operation(summary = "A new access token", description = "Body {\"refresh\": <refresh token>}.")
    @ApiResponse(responseCode = "200", description = "a new access token")
    @ApiResponse(
            responseCode = "401",
            description = "the refresh token is invalid or expired, or its account was removed")
    @PostMapping("/api/token/refresh/")
    AccessToken refresh(@CompatibleBody RefreshRequest body) {
        long userId;
        try {
            userId = tokens.verify(body.refresh(), JwtTokens.REFRESH);
        } catch (JwtTokens.InvalidTokenException e) {
            throw WriteProblems.status(
                    HttpStatus.UNAUTHORIZED, "Token is invalid or expired", Map.of("code", "token_not_valid"));
        }
        if (accounts.find(userId).isEmpty()) {
            throw WriteProblems.status(HttpStatus.UNAUTHORIZED, "User not found", Map.of("code", "user_not_found"));
        }
        return new AccessToken(tokens.access(userId));
    }

    /** A refresh token (1 day) and an access token (60 min), both JWTs. */
    record TokenPair(String refresh, String access) {}

    /** A new access token. */
    record AccessToken(String access) {}
}
