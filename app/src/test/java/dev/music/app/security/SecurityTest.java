package dev.music.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.music.app.support.Api;
import dev.music.app.support.IntegrationTest;
import dev.music.command.account.Role;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Accounts, tokens and every way a token can be wrong, over HTTP. */
class SecurityTest extends IntegrationTest {

    private static final String RATE = "{\"music\": 1, \"score\": 3}";

    @Test
    void aBrowserOpeningTheServiceGetsTheWebPageAndItsModulesAnonymously() {
        Api.Response home = api().get("/");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.header("Content-Type")).startsWith("text/html");
        assertThat(home.body()).contains("<script type=\"module\" src=\"/js/main.js\">");
        assertThat(home.header("Content-Security-Policy")).isEqualTo("default-src 'self'");
        assertThat(home.header("Referrer-Policy")).isEqualTo("same-origin");
        Api.Response answer = api().get("/api/music/");
        assertThat(answer.header("Content-Security-Policy")).isEqualTo("default-src 'self'");
        assertThat(answer.header("Referrer-Policy")).isEqualTo("same-origin");
        Api.Response module = api().get("/js/main.js");
        assertThat(module.status()).isEqualTo(200);
        assertThat(module.header("Content-Type"))
                .as("ES modules need a JavaScript type")
                .contains("javascript");
        assertThat(api().get("/js/absent.js").status()).isEqualTo(404);
        assertThat(api().get("/swagger-ui.html").status())
                .as("the API's documentation still answers, anonymously")
                .isIn(200, 302);
    }

    @Test
    void theSignedInAccountTellsItsNameAndRoles() {
        Api.Response anonymous = api().get("/api/me/");
        assertThat(anonymous.status()).isEqualTo(401);
        accounts.register("maud", "correct horse battery", Role.AUDITOR);
        Api.Response token =
                api().post("/api/token/", "{\"username\": \"maud\", \"password\": \"correct horse battery\"}");
        Api maud = api().bearer(token.json().get("access").asText());
        var me = maud.get("/api/me/").json();
        assertThat(me.get("username").asText()).isEqualTo("maud");
        assertThat(me.get("id").asLong()).isPositive();
        assertThat(me.get("roles").toString()).isEqualTo("[\"USER\",\"AUDITOR\"]");
    }

    @Test
    void registerThenSignInThenRefresh() {
        Api.Response registered =
                api().post("/api/register/", "{\"username\": \"dora\", \"password\": \"blue whale song\"}");
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.json().get("username").asText()).isEqualTo("dora");
        assertThat(registered.json().get("role").asText()).isEqualTo("USER");

        JsonNode pair = api().post("/api/token/", "{\"username\": \"dora\", \"password\": \"blue whale song\"}")
                .json();
        assertThat(pair.get("access").asText()).isNotBlank();
        Api.Response refreshed = api().post(
                        "/api/token/refresh/",
                        "{\"refresh\": \"" + pair.get("refresh").asText() + "\"}");
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(api().bearer(refreshed.json().get("access").asText())
                        .get("/api/me/ratings/")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void registrationRulesSpeakTheEarlierAPIsWords() {
        newAccount("taken", Role.USER);
        api().post("/api/register/", "{\"username\": \"erin\", \"password\": \"blue whale song\"}");
        Api.Response duplicate =
                api().post("/api/register/", "{\"username\": \"erin\", \"password\": \"blue whale song\"}");
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.json().get("username").get(0).asText())
                .isEqualTo("A user with that username already exists.");

        JsonNode weak = api().post("/api/register/", "{\"username\": \"fred\", \"password\": \"1234567\"}")
                .json();
        assertThat(weak.get("password"))
                .extracting(JsonNode::asText)
                .containsExactly(
                        "This password is too short. It must contain at least 8 characters.",
                        "This password is entirely numeric.");
        JsonNode common = api().post("/api/register/", "{\"username\": \"gina\", \"password\": \"password123\"}")
                .json();
        assertThat(common.get("password").get(0).asText()).isEqualTo("This password is too common.");
        JsonNode similar = api().post("/api/register/", "{\"username\": \"henrietta\", \"password\": \"henrietta1\"}")
                .json();
        assertThat(similar.get("password").get(0).asText()).isEqualTo("The password is too similar to the username.");
        JsonNode badName = api().post(
                        "/api/register/", "{\"username\": \"no spaces!\", \"password\": \"blue whale song\"}")
                .json();
        assertThat(badName.get("username").get(0).asText()).startsWith("Enter a valid username.");
        JsonNode missing = api().post("/api/register/", "{}").json();
        assertThat(missing.get("username").get(0).asText()).isEqualTo("This field is required.");
        assertThat(missing.get("password").get(0).asText()).isEqualTo("This field is required.");
    }

    @Test
    void badCredentialsAndMissingFieldsAtSignIn() {
        api().post("/api/register/", "{\"username\": \"ivan\", \"password\": \"blue whale song\"}");
        Api.Response wrong = api().post("/api/token/", "{\"username\": \"ivan\", \"password\": \"red whale song\"}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("detail").asText()).isEqualTo("No active account found with the given credentials");
        Api.Response nobody = api().post("/api/token/", "{\"username\": \"nobody\", \"password\": \"red whale song\"}");
        assertThat(nobody.status()).isEqualTo(401);
        Api.Response missing = api().post("/api/token/", "{\"password\": \"x\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("username").get(0).asText()).isEqualTo("This field is required.");
    }

    @Test
    void ratingWithoutATokenIsUnauthorized() {
        Api.Response response = api().post("/api/rating/", RATE);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("detail").asText()).isEqualTo("Authentication credentials were not provided.");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void everyKindOfBadTokenIsRefusedEvenOnAnonymousRoutes() {
        long userId = newAccount("target", Role.USER);
        String valid = tokens.access(userId);
        String[] parts = valid.split("\\.");
        String tamperedPayload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"user_id\":" + userId, "\"user_id\":" + (userId + 1))
                        .getBytes(StandardCharsets.UTF_8));
        String algNone = Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + ".";
        String expired = forge(JWT_SECRET, "access", userId, Instant.now().minusSeconds(60));
        String otherKey = forge(
                "another-signing-key-that-is-long-enough-too",
                "access",
                userId,
                Instant.now().plusSeconds(600));
        String refresh = tokens.refresh(userId);

        for (String bad : List.of(
                "garbage", parts[0] + "." + tamperedPayload + "." + parts[2], algNone, expired, otherKey, refresh)) {
            for (Api.Response response : List.of(
                    api().bearer(bad).post("/api/rating/", RATE),
                    api().bearer(bad).get("/api/music/"))) {
                assertThat(response.status()).as(bad).isEqualTo(401);
                assertThat(response.json().get("code").asText()).isEqualTo("token_not_valid");
                assertThat(response.json().get("detail").asText())
                        .isEqualTo("Given token not valid for any token type");
            }
        }
        assertThat(api().bearer(valid)
                        .post("/api/rating/", "{\"music\": 99999, \"score\": 3}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void aStaleAuthorizationHeaderDoesNotBlockSignInOrRefresh() {
        long userId = newAccount("stale", Role.USER);
        String expired = forge(JWT_SECRET, "access", userId, Instant.now().minusSeconds(60));
        Api.Response refreshed =
                api().bearer(expired).post("/api/token/refresh/", "{\"refresh\": \"" + tokens.refresh(userId) + "\"}");
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(api().bearer(expired)
                        .post("/api/token/", "{\"username\": \"x\", \"password\": \"y\"}")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void inputsPostgresCannotStoreAreRefusedPolitely() {
        Api.Response nul = api().post("/api/token/", "{\"username\": \"a\\u0000b\", \"password\": \"whatever1\"}");
        assertThat(nul.status()).isEqualTo(400);
        assertThat(nul.json().get("username").get(0).asText()).isEqualTo("Null characters are not allowed.");
        Api.Response longPassword = api().post(
                        "/api/register/",
                        "{\"username\": \"emoji\", \"password\": \"" + "\uD83C\uDFB5".repeat(20) + "\"}");
        assertThat(longPassword.status()).isEqualTo(400);
        assertThat(longPassword.json().get("password").get(0).asText()).startsWith("This password is too long.");
        Api.Response huge = api().post("/api/register/", "{\"username\": \"" + "x".repeat(100_000) + "\"}");
        assertThat(huge.status()).isEqualTo(413);
    }

    @Test
    void anAccessTokenCannotRefresh() {
        String access = tokens.access(newAccount("refresher", Role.USER));
        Api.Response response = api().post("/api/token/refresh/", "{\"refresh\": \"" + access + "\"}");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("detail").asText()).isEqualTo("Token is invalid or expired");
        assertThat(response.json().get("code").asText()).isEqualTo("token_not_valid");
    }

    @Test
    void aDeletedUsersTokensStopWorking() {
        api().post("/api/register/", "{\"username\": \"leaving\", \"password\": \"blue whale song\"}");
        JsonNode pair = api().post("/api/token/", "{\"username\": \"leaving\", \"password\": \"blue whale song\"}")
                .json();
        Api admin = signedIn(Role.ADMIN);
        assertThat(admin.send("DELETE", "/api/admin/users/leaving/", null).status())
                .isEqualTo(204);

        Api.Response rating = api().bearer(pair.get("access").asText()).post("/api/rating/", RATE);
        assertThat(rating.status()).isEqualTo(401);
        assertThat(rating.json().get("code").asText()).isEqualTo("user_not_found");
        Api.Response refresh = api().post(
                        "/api/token/refresh/",
                        "{\"refresh\": \"" + pair.get("refresh").asText() + "\"}");
        assertThat(refresh.status()).isEqualTo(401);
    }

    @Test
    void rolesBoundWhatAUserMayDo() {
        Api user = signedIn(Role.USER);
        Api auditor = signedIn(Role.AUDITOR);
        for (Api notAdmin : List.of(user, auditor)) {
            Api.Response response = notAdmin.send("DELETE", "/api/admin/songs/AAAAAAAAAAAAAAAAAAAAAA/", null);
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.json().get("detail").asText())
                    .isEqualTo("You do not have permission to perform this action.");
        }
        assertThat(user.send("POST", "/api/admin/catalog/import/", "{}").status())
                .isEqualTo(403);
        assertThat(api().send("DELETE", "/api/admin/users/x/", null).status()).isEqualTo(401);
        assertThat(signedIn(Role.ADMIN)
                        .send("DELETE", "/api/admin/users/nobody-at-all/", null)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aMalformedAuthorizationHeaderIsRefused() {
        Api.Response response = api().with("Authorization", "Bearer").get("/api/music/");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("code").asText()).isEqualTo("bad_authorization_header");
        assertThat(api().with("Authorization", "Basic dXNlcjpwYXNz")
                        .get("/api/music/")
                        .status())
                .isEqualTo(200);
    }

    private static String forge(String secret, String type, long userId, Instant expires) {
        return Jwts.builder()
                .claim("token_type", type)
                .claim("user_id", userId)
                .expiration(Date.from(expires))
                .issuedAt(Date.from(expires.minusSeconds(3600)))
                .signWith(Keys.hmacShaKeyFor(secret.getBytes(StandardCharsets.UTF_8)), Jwts.SIG.HS256)
                .compact();
    }
}
