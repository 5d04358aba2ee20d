package dev.music.command.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.music.command.rating.RatingService;
import dev.music.command.rating.UnknownAccountException;
import dev.music.command.rating.UnknownSongException;
import dev.music.events.Stars;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * {@code POST /api/rating/} alone, its service stubbed: each of the earlier API's validation
 * messages, word for word, and nothing submitted for an invalid rating. The full-stack behaviour
 * (accounts, events, averages) is the application's RatingApiTest.
 */
@WebMvcTest(properties = "spring.mvc.problemdetails.enabled=true") // the application's own advice renders them alike
@Import({RatingController.class, CompatibleBodyResolver.class})
class RatingControllerTest {

    @SpringBootConfiguration
    static class Slice {}

    @Autowired
    MockMvc mvc;

    @MockitoBean
    RatingService ratings;

    /** Songs 1..100 exist, and every account but 666. */
    @BeforeEach
    void knownSongsAndAccounts() {
        when(ratings.refusal(anyLong(), anyLong())).thenAnswer(call -> {
            long songId = call.getArgument(0);
            long userId = call.getArgument(1);
            return Optional.ofNullable(
                    userId == 666
                            ? new UnknownAccountException(userId)
                            : songId < 1 || songId > 100 ? new UnknownSongException(songId) : null);
        });
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"music\": 1, \"score\": 0}         | score | Ensure this value is greater than or equal to 1.",
                "{\"music\": 1, \"score\": 6}         | score | Ensure this value is less than or equal to 5.",
                "{\"music\": 1, \"score\": 4.5}       | score | A valid integer is required.",
                "{\"music\": 1, \"score\": \"four\"}  | score | A valid integer is required.",
                "{\"music\": 1, \"score\": \"5e0\"}   | score | A valid integer is required.",
                "{\"music\": 1}                       | score | This field is required.",
                "{\"music\": 1, \"score\": null}      | score | This field may not be null.",
                "{\"score\": 3}                       | music | This field is required.",
                "{\"music\": null, \"score\": 3}      | music | This field may not be null.",
                "{\"music\": \"abc\", \"score\": 3}   | music | Incorrect type. Expected pk value, received str.",
                "{\"music\": true, \"score\": 3}      | music | Incorrect type. Expected pk value, received bool.",
                "{\"music\": [1], \"score\": 3}       | music | Incorrect type. Expected pk value, received list."
            })
    void anInvalidRatingIsAnsweredWithTheEarlierApisMessageAndNotSubmitted(String body, String field, String message)
            throws Exception {
        mvc.perform(post("/api/rating/")
                        .principal(() -> "7")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$." + field + "[0]").value(message));
        verify(ratings, never()).submit(anyLong(), anyLong(), any(), any());
    }

    @Test
    void aRatingOfAnUnknownSongIsRefusedByTheServiceAndAnsweredAsTheEarlierApiDid() throws Exception {
        when(ratings.submit(eq(999L), eq(7L), eq(Stars.of(3)), any())).thenThrow(new UnknownSongException(999));
        rate("7", "{\"music\": 999, \"score\": 3}")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.music[0]").value("Invalid pk \"999\" - object does not exist."));
    }

    @Test
    void anUnknownSongBesideABadScoreIsNamedToo() throws Exception {
        rate("7", "{\"music\": 999, \"score\": 0}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.music[0]").value("Invalid pk \"999\" - object does not exist."))
                .andExpect(jsonPath("$.score[0]").value("Ensure this value is greater than or equal to 1."));
        verify(ratings, never()).submit(anyLong(), anyLong(), any(), any());
    }

    @Test
    void aDeletedAccountIsRefusedAsTheTokenCheckRefusesIt() throws Exception {
        when(ratings.submit(eq(12L), eq(666L), eq(Stars.of(3)), any())).thenThrow(new UnknownAccountException(666));
        rate("666", "{\"music\": 12, \"score\": 3}")
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("user_not_found"));
        rate("666", "{\"music\": 12, \"score\": 9}")
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("user_not_found"));
    }

    private ResultActions rate(String userId, String body) throws Exception {
        return mvc.perform(post("/api/rating/")
                .principal(() -> userId)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    @Test
    void aValidRatingIsSubmittedAndAnsweredWithItsConsistencyToken() throws Exception {
        when(ratings.submit(eq(12L), eq(7L), eq(Stars.of(4)), any())).thenReturn(4242L);
        mvc.perform(post("/api/rating/")
                        .principal(() -> "7")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"music\": 12, \"score\": \"4\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.detail").value("Rating submitted successfully and is being processed."))
                .andExpect(jsonPath("$.consistency_token").value("4242:12"))
                .andExpect(header().string("X-Consistency-Token", "4242:12"));
    }
}
