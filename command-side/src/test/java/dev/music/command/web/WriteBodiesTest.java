package dev.music.command.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.music.command.account.AccountService;
import dev.music.command.account.AuthProperties;
import dev.music.command.catalog.CatalogImporter;
import dev.music.command.catalog.KnownSongs;
import dev.music.eventstore.PositionedCommands;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The write routes' bodies as {@link CompatibleBodyResolver} binds them: the earlier API's words
 * for a body that is not an object of fields, and a route's own refusal (closed sign-up, an id
 * that cannot be a song's) before its body is read, whatever the body.
 */
@WebMvcTest(properties = "spring.mvc.problemdetails.enabled=true")
@Import({AccountController.class, CatalogAdminController.class, CompatibleBodyResolver.class})
class WriteBodiesTest {

    private static final String SONG = "/api/admin/songs/5vYA1mW9g2Coh1HUFUSmlb/";

    @SpringBootConfiguration
    static class Slice {

        @Bean
        AuthProperties registrationClosed() {
            return new AuthProperties(false, Duration.ofMinutes(60), Duration.ofDays(1));
        }
    }

    @Autowired
    MockMvc mvc;

    @MockitoBean
    AccountService accounts;

    @MockitoBean
    CatalogImporter importer;

    @MockitoBean
    PositionedCommands commands;

    @MockitoBean
    KnownSongs knownSongs;

    @MockitoBean
    TransactionTemplate transactions;

    @ParameterizedTest
    @ValueSource(strings = {"{\"username\": \"kim\", \"password\": \"blue whale song\"}", "[1]", "{", "{}"})
    void closedSignUpIsRefusedWhateverTheBody(String body) throws Exception {
        mvc.perform(post("/api/register/")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value("Registration is closed: ask an administrator for an account."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"energy\": 0.3}", "{\"energy\": \"x\"}", "[1]", "{"})
    void anIdThatCannotBeASongsIsNotFoundWhateverTheBody(String body) throws Exception {
        mvc.perform(correction("/api/admin/songs/not-an-id/", body)).andExpect(status().isNotFound());
    }

    @Test
    void aCorrectionNamesEachWrongFieldInTheEarlierApisWords() throws Exception {
        mvc.perform(correction(SONG, "{\"title\": \" \", \"energy\": 2, \"key\": 1.5, \"tempo\": \"fast\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Invalid input."))
                .andExpect(jsonPath("$.title[0]").value("This field may not be blank."))
                .andExpect(jsonPath("$.energy[0]").value("Ensure this value is less than or equal to 1."))
                .andExpect(jsonPath("$.key[0]").value("A valid integer is required."))
                .andExpect(jsonPath("$.tempo[0]").value("A valid number is required."));
        mvc.perform(correction(SONG, "{}"))
                .andExpect(status().isBadRequest())
                .andExpect(
                        jsonPath("$.non_field_errors[0]").value("Nothing to correct: give a title or audio features."));
    }

    @Test
    void aBodyThatIsNotAnObjectOfFieldsIsAnsweredAsTheEarlierApiDid() throws Exception {
        mvc.perform(correction(SONG, "[1, 4]"))
                .andExpect(status().isBadRequest())
                .andExpect(
                        jsonPath("$.non_field_errors[0]").value("Invalid data. Expected a dictionary, but got list."));
        mvc.perform(correction(SONG, "null"))
                .andExpect(jsonPath("$.non_field_errors[0]")
                        .value("Invalid data. Expected a dictionary, but got NoneType."));
        mvc.perform(correction(SONG, "{\"energy\": "))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("JSON parse error - ")));
        mvc.perform(correction(SONG, "{\"energy\": 0.3}" + " ".repeat(JsonOrFormBody.MAX_BYTES)))
                .andExpect(status().isPayloadTooLarge());
        mvc.perform(put(SONG)
                        .principal(() -> "1")
                        .contentType(MediaType.TEXT_PLAIN)
                        .content("energy=0.3"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.detail").value("Unsupported media type \"text/plain\" in request."));
    }

    private static MockHttpServletRequestBuilder correction(String path, String body) {
        return put(path)
                .principal(() -> "1")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body);
    }
}
