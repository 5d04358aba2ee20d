package dev.music.command.web;

import dev.music.command.ConditionalOnCommandSide;
import dev.music.command.account.AccountService;
import dev.music.command.account.AuthProperties;
import dev.music.command.account.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Sign-up ({@code music.auth.self-registration}, on by default) and, for admins, removing users. */
@ConditionalOnCommandSide
@Tag(name = "Accounts")
@RestController
class AccountController {

    private final AccountService accounts;
    private final boolean selfRegistration;

    AccountController(AccountService accounts, AuthProperties auth) {
        this.accounts = accounts;
        this.selfRegistration = auth.selfRegistration();
    }

    /**
     * Closed registration is refused before the body is read, whatever the body. A model
     * attribute runs before the handler's arguments are bound; the controller's only other route
     * is a DELETE.
     */
    @ModelAttribute
    void registrationOpen(HttpServletRequest request) {
        if (!selfRegistration && HttpMethod.POST.matches(request.getMethod())) {
            throw WriteProblems.status(
                    HttpStatus.FORBIDDEN, "Registration is closed: ask an administrator for an account.");
        }
    }

    @Operation(
            summary = "Sign up",
            description = "Body {\"username\", \"password\"}: a USER account. The password "
                    + "needs 8 characters or more, not entirely numeric, not too common, not like the username.")
    @PostMapping("/api/register/")
    @ApiResponse(responseCode = "201", description = "the new account")
    @ApiResponse(responseCode = "403", description = "sign-up is closed (music.auth.self-registration=false)")
    ResponseEntity<NewAccount> register(@CompatibleBody SignUpRequest signUp) {
        AccountService.Result result = accounts.register(signUp.username(), signUp.password(), Role.USER);
        if (result.account() == null) {
            throw WriteProblems.invalidInput(result.problems());
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new NewAccount(
                        result.account().id(),
                        result.account().username(),
                        result.account().role().name()));
    }

    @Operation(
            summary = "Remove a user (admin)",
            description = "Their tokens stop working at once; their ratings stay in "
                    + "the event store and in the averages.")
    @DeleteMapping("/api/admin/users/{username}/")
    @ApiResponse(responseCode = "204", description = "removed")
    ResponseEntity<Void> delete(@PathVariable String username) {
        if (!accounts.delete(username)) {
            throw WriteProblems.status(HttpStatus.NOT_FOUND, "Not found.");
        }
        return ResponseEntity.noContent().build();
    }

    /** A signed-up account. */
    record NewAccount(
            long id,
            String username,

            @Schema(allowableValues = {"USER", "AUDITOR", "ADMIN"})
            String role) {}
}
