package dev.music.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.music.events.AudioFeature;
import dev.music.events.AudioFeatures;
import dev.music.query.song.SongRow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A hit of GET /api/search/ in JSON: the song's representation, then its score and highlighted title. */
class HitJsonTest {

    @Test
    void aHitIsTheSongsFieldsThenScoreAndHighlight() {
        SongRow song = new SongRow(
                7, "0123456789abcdefABCDEF", "Love", 4.5, 2, AudioFeatures.of(new double[AudioFeature.ALL.size()]));
        JsonNode json = new ObjectMapper().valueToTree(new RankedSearch.Hit(song, 2.0, "<mark>Love</mark>"));

        List<String> expected = new ArrayList<>(SongRow.COLUMNS);
        expected.add("score");
        expected.add("highlight");
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertThat(names).isEqualTo(expected);
        assertThat(json.get("spotify_id").asText()).isEqualTo("0123456789abcdefABCDEF");
        assertThat(json.get("highlight").asText()).isEqualTo("<mark>Love</mark>");
    }
}
