package dev.music.command.web;

import io.swagger.v3.oas.annotations.media.Schema;

/** {@code POST /api/register/}'s body: the account's name and password, the policy checked after. */
record SignUpRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "ada")
        String username,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "correct horse battery")
        String password) {

    static final BodySpec<SignUpRequest> SPEC =
            fields -> new SignUpRequest(fields.text("username"), fields.text("password"));
}
