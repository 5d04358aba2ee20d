package dev.music.command.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackedStringsTest {

    @Test
    void givesBackEachPositionsTextSetInAnyOrderPastTheFirstBuffer() {
        PackedStrings packed = new PackedStrings();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            texts.add(i % 3 == 0 ? "Mädchen № " + i + " 별 🎵" : "Song " + i); // 1- to 4-byte characters
        }
        for (int i = texts.size() - 1; i >= 0; i -= 2) {
            packed.set(i, texts.get(i));
        }
        for (int i = 0; i < texts.size(); i += 2) {
            packed.set(i, texts.get(i));
        }
        for (int i = 0; i < texts.size(); i++) {
            assertThat(packed.get(i)).isEqualTo(texts.get(i));
        }
    }

    @Test
    void equalTextsAreEqualAndHashAlike() {
        PackedStrings packed = new PackedStrings();
        packed.set(0, "4uLU6hMCjMI75M1A2tKUQC");
        packed.set(1, "4uLU6hMCjMI75M1A2tKUQD");
        packed.set(2, "4uLU6hMCjMI75M1A2tKUQC");
        packed.set(3, "4uLU6hMCjMI75M1A2tKUQ");
        assertThat(packed.equal(0, 2)).isTrue();
        assertThat(packed.hash(0)).isEqualTo(packed.hash(2));
        assertThat(packed.equal(0, 1)).isFalse();
        assertThat(packed.equal(0, 3)).as("a prefix").isFalse();
    }
}
