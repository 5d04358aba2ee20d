package dev.music.app.security;

import dev.music.command.web.BodySpec;

/** {@code POST /api/token/refresh/}'s body: the refresh token to trade for an access token. */
record RefreshRequest(String refresh) {

    static final BodySpec<RefreshRequest> SPEC = fields -> new RefreshRequest(fields.text("refresh"));
}
