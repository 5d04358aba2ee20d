package dev.music.app.security;

import dev.music.command.web.BodySpec;
import io.swagger.v3.oas.annotations.media.Schema;

/** {@code POST /api/token/}'s body: the credentials to sign in with. */
record TokenRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "ada")
        String username,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "correct horse battery")
        String password) {

    static final BodySpec<TokenRequest> SPEC =
            fields -> new TokenRequest(fields.text("username"), fields.text("password"));
}
