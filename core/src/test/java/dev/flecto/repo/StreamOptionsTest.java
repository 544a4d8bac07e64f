package dev.flecto.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.ArgumentException;
import org.junit.jupiter.api.Test;

class StreamOptionsTest {
  @Test
  void defaultsReadFiveHundredRowsAFetchAsEctoDoes() {
    assertThat(StreamOptions.defaults().maxRows()).isEqualTo(500);
    assertThat(StreamOptions.maxRows(1).maxRows()).isEqualTo(1);
    assertThat(StreamOptions.maxRows(2_000)).isEqualTo(new StreamOptions(2_000, null));
  }

  @Test
  void maxRowsBelowOneIsRefusedNamingTheOption() {
    for (int bad : new int[] {0, -1, Integer.MIN_VALUE}) {
      assertThatThrownBy(() -> StreamOptions.maxRows(bad).check()).isInstanceOf(ArgumentException.class)
          .hasMessageContaining("StreamOptions.maxRows").hasMessageContaining("got " + bad);
    }
  }
}
