package dev.music.app.security;

import dev.music.command.account.Account;
import dev.music.command.account.AccountService;
import io.swagger.v3.oas.annotations.Operation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    Map<String, Object> me(Authentication user) {
        long id = Long.parseLong(user.getName());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("username", accounts.find(id).map(Account::username).orElse(null));
        List<String> roles = user.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .map(authority -> authority.substring("ROLE_".length()))
                .toList();
        body.put("roles", roles);
        return body;
    }
}
