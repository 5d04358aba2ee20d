package dev.music.command.web;

/** {@code POST /api/register/}'s body: the account's name and password, the policy checked after. */
record SignUpRequest(String username, String password) {

    static final BodySpec<SignUpRequest> SPEC =
            fields -> new SignUpRequest(fields.text("username"), fields.text("password"));
}
