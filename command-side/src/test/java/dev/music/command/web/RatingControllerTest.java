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
import dev.music.events.Stars;
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

/**
 * {@code POST /api/rating/} alone, its service stubbed: each of the earlier API's validation
 * messages, word for word, and nothing submitted for an invalid rating. The full-stack behaviour
 * (accounts, events, averages) is the application's RatingApiTest.
 */
@WebMvcTest(properties = "spring.mvc.problemdetails.enabled=true") // the application's own advice renders them alike
@Import(RatingController.class)
class RatingControllerTest {

    @SpringBootConfiguration
    static class Slice {}

    @Autowired
    MockMvc mvc;

    @MockitoBean
    RatingService ratings;

    @BeforeEach
    void knownSongs() {
        when(ratings.songExists(anyLong())).thenAnswer(call -> (long) call.getArgument(0) <= 100);
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
                "{\"music\": 999, \"score\": 3}       | music | Invalid pk \"999\" - object does not exist.",
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
