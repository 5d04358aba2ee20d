package dev.music.app.security;

import dev.music.command.web.BodySpec;

/** {@code POST /api/token/}'s body: the credentials to sign in with. */
record TokenRequest(String username, String password) {

    static final BodySpec<TokenRequest> SPEC =
            fields -> new TokenRequest(fields.text("username"), fields.text("password"));
}
