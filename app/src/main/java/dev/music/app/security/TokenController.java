package dev.music.app.security;

import dev.music.command.ConditionalOnCommandSide;
import dev.music.command.account.Account;
import dev.music.command.account.AccountService;
import dev.music.command.account.LoginBudgets;
import dev.music.command.account.LoginProperties;
import dev.music.command.web.CompatibleBody;
import dev.music.command.web.WriteProblems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
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
    private final LoginBudgets budgets;
    private final ClientAddress clientAddress;
    private final JwtTokens tokens;

    TokenController(AccountService accounts, LoginBudgets budgets, LoginProperties login, JwtTokens tokens) {
        this.accounts = accounts;
        this.budgets = budgets;
        this.clientAddress = new ClientAddress(login);
        this.tokens = tokens;
    }

    @Operation(
            summary = "Sign in",
            description = "Body {\"username\", \"password\"}: answers an access token "
                    + "(Authorization: Bearer …, 60 minutes) and a refresh token (1 day).")
    @ApiResponse(responseCode = "200", description = "the account's tokens")
    @ApiResponse(responseCode = "401", description = "no active account with these credentials")
    @ApiResponse(
            responseCode = "429",
            description = "too many failed sign-ins for this username or from this address within the window"
                    + " (music.auth.login.*): try again after Retry-After seconds, the right password included")
    @PostMapping("/api/token/")
    TokenPair token(@CompatibleBody TokenRequest credentials, HttpServletRequest request) {
        LoginBudgets.Outcome outcome =
                budgets.signIn(credentials.username(), credentials.password(), clientAddress.of(request));
        if (outcome.throttled()) {
            var tooMany = WriteProblems.status(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "Too many failed sign-ins: try again in " + outcome.retryAfterSeconds() + " s.");
            tooMany.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(outcome.retryAfterSeconds()));
            throw tooMany;
        }
        if (outcome.account().isEmpty()) {
            throw WriteProblems.status(
                    HttpStatus.UNAUTHORIZED,
                    "No active account found with the given credentials",
                    Map.of("code", "no_active_account"));
        }
        Account account = outcome.account().get();
        return new TokenPair(tokens.refresh(account.id()), tokens.access(account.id()));
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
