package dev.music.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.music.app.support.IntegrationTest;
import dev.music.client.ApiClient;
import dev.music.client.ApiException;
import dev.music.client.api.AccountsApi;
import dev.music.client.api.CatalogApi;
import dev.music.client.api.RatingsApi;
import dev.music.client.api.SearchApi;
import dev.music.client.model.AccessToken;
import dev.music.client.model.NewAccount;
import dev.music.client.model.RatingAccepted;
import dev.music.client.model.RatingPage;
import dev.music.client.model.RatingRequest;
import dev.music.client.model.RefreshRequest;
import dev.music.client.model.SearchPage;
import dev.music.client.model.SignUpRequest;
import dev.music.client.model.SongPage;
import dev.music.client.model.SongRow;
import dev.music.client.model.TokenPair;
import dev.music.client.model.TokenRequest;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's first-rating story, walked by a Java client that openapi-generator made from the
 * OpenAPI document ({@code docs/openapi.json}, the served one): only its typed methods, its models
 * and its own bearer configuration, nothing written by hand about the API.
 */
class GeneratedClientTest extends IntegrationTest {

    private ApiClient client;

    @BeforeEach
    void catalog() throws Exception {
        importProjectPlaylistOnce();
        client = new ApiClient().setBasePath("http://localhost:" + port);
    }

    @Test
    void theFirstRatingStoryThroughTheGeneratedClient() throws Exception {
        AccountsApi accounts = new AccountsApi(client);
        String username = "ada-" + UUID.randomUUID().toString().substring(0, 8);

        NewAccount account = accounts.register(
                        new SignUpRequest().username(username).password("correct horse battery"))
                .execute();
        assertThat(account.getUsername()).isEqualTo(username);
        assertThat(account.getRole()).isEqualTo(NewAccount.RoleEnum.USER);

        TokenPair tokens = accounts.token(new TokenRequest().username(username).password("correct horse battery"))
                .execute();
        client.setBearerToken(tokens.getAccess());

        SongPage page = new CatalogApi(client)
                .callList()
                .minEnergy(new BigDecimal("0.5"))
                .ordering("-danceability")
                .pageSize(5)
                .execute();
        assertThat(page.getResults()).hasSize(5);
        assertThat(page.getCount()).isGreaterThan(5);
        assertThat(page.getNext()).contains("page=2");
        assertThat(page.getPrevious()).isNull();
        assertThat(page.getResults())
                .allSatisfy(song -> assertThat(song.getEnergy()).isGreaterThanOrEqualTo(0.5));
        assertThat(page.getResults())
                .extracting(SongRow::getDanceability)
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
        SongRow song = page.getResults().get(0);

        RatingAccepted rated = new RatingsApi(client)
                .rate(new RatingRequest().music(song.getId()).score(5))
                .execute();
        assertThat(rated.getConsistencyToken()).endsWith(":" + song.getId());

        SongRow readBack = new CatalogApi(client)
                .bySpotifyId(song.getSpotifyId())
                .xConsistencyToken(rated.getConsistencyToken())
                .execute();
        assertThat(readBack.getTotalRatings()).isEqualTo(song.getTotalRatings() + 1);

        RatingPage mine = new RatingsApi(client).mine().execute();
        assertThat(mine.getResults()).singleElement().satisfies(rating -> {
            assertThat(rating.getMusic()).isEqualTo(song.getId());
            assertThat(rating.getScore()).isEqualTo(5);
        });

        AccessToken refreshed = accounts.refresh(new RefreshRequest().refresh(tokens.getRefresh()))
                .execute();
        client.setBearerToken(refreshed.getAccess());
        assertThat(accounts.me().execute().getUsername()).isEqualTo(username);

        SearchPage found = new SearchApi(client).search("lvoe").pageSize(2).execute();
        assertThat(found.getCount()).isEqualTo(3);
        assertThat(found.getResults()).hasSize(2).allSatisfy(hit -> {
            assertThat(hit.getTitle()).containsIgnoringCase("love");
            assertThat(hit.getScore()).isEqualTo(0.5);
            assertThat(hit.getHighlight()).contains("<mark>");
            assertThat(hit.getEnergy()).isNotNull();
        });
    }

    @Test
    void anErrorAnswerReachesTheClientAsItsStatus() {
        assertThatThrownBy(() -> new RatingsApi(client)
                        .rate(new RatingRequest().music(1L).score(5))
                        .execute())
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(401));
    }
}
