package dev.music.app.security;

import dev.music.command.web.BodySpec;
import io.swagger.v3.oas.annotations.media.Schema;

/** {@code POST /api/token/refresh/}'s body: the refresh token to trade for an access token. */
record RefreshRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "the refresh token of POST /api/token/")
        String refresh) {

    static final BodySpec<RefreshRequest> SPEC = fields -> new RefreshRequest(fields.text("refresh"));
}
