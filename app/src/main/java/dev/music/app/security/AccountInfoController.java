package dev.music.app.security;

import dev.music.command.account.Account;
import dev.music.command.account.AccountService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/me/}: who the token belongs to and what it may do, so that a client (the web
 * page) shows the user's name and the views of the roles they hold.
 */
@RestController
@ConditionalOnWebApplication
@Tag(name = "Accounts")
class AccountInfoController {

    private final AccountService accounts;

    AccountInfoController(AccountService accounts) {
        this.accounts = accounts;
    }

    @Operation(
            summary = "The signed-in account",
            description =
                    "{id, username, roles}: roles are USER, AUDITOR and ADMIN, each including the ones before it.")
    @GetMapping("/api/me/")
    SignedIn me(Authentication user) {
        long id = Long.parseLong(user.getName());
        String username = accounts.find(id).map(Account::username).orElse(null);
        List<String> roles = user.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .map(authority -> authority.substring("ROLE_".length()))
                .toList();
        return new SignedIn(id, username, roles);
    }

    /** The account a token stands for. */
    record SignedIn(long id, @Schema(nullable = true) String username, List<String> roles) {}
}
