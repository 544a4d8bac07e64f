package dev.flecto.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.ArgumentException;
import dev.flecto.query.Query;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import org.junit.jupiter.api.Test;

/** Which prefix a query's records come from, the prefix their preloads start from (Ecto's __meta__.prefix). */
class PreloadPrefixTest {
  @Schema("notes")
  record Note(@Id Long id, String body) {}

  @Schema(value = "audit_events", prefix = "audit")
  record AuditEvent(@Id Long id, String kind) {}

  @Test
  void theSourcesPrefixWinsThenTheSchemasThenTheQuerys() {
    assertThat(PreloadPrefix.of(Query.from(Note.class), null)).isNull();
    assertThat(PreloadPrefix.of(Query.from(Note.class).prefix("t1"), null)).isEqualTo("t1");
    assertThat(PreloadPrefix.of(Query.from(Note.class).sourcePrefix("t2").prefix("t1"), null)).isEqualTo("t2");
    assertThat(PreloadPrefix.of(Query.from(AuditEvent.class).prefix("t1"), null)).isEqualTo("audit");
    assertThat(PreloadPrefix.of(Query.from(AuditEvent.class).sourcePrefix("t2"), null)).isEqualTo("t2");
    assertThat(PreloadPrefix.of(Query.from(Note.class), "outer")).as("an enclosing query's").isEqualTo("outer");
  }

  @Test
  void aSubquerySourcesRecordsComeFromItsSource() {
    assertThat(PreloadPrefix.of(Query.from(Query.from(Note.class).prefix("inner")).prefix("outer"), null)).isEqualTo("inner");
    assertThat(PreloadPrefix.of(Query.from(Query.from(Note.class)).prefix("outer"), null)).isEqualTo("outer");
    assertThat(PreloadPrefix.of(Query.from(Query.from(AuditEvent.class)).prefix("outer"), null)).isEqualTo("audit");
  }

  @Test
  void preloadOptionsNameTheRecordsPrefix() {
    assertThat(PreloadOptions.defaults().prefix()).isNull();
    assertThat(PreloadOptions.defaults().withPrefix("t1")).isEqualTo(new PreloadOptions("t1"));
    assertThat(PreloadOptions.defaults().withPrefix("t1").withPrefix(null).prefix()).isNull();
    assertThatThrownBy(() -> new PreloadOptions("")).isInstanceOf(ArgumentException.class)
        .hasMessageContaining("PreloadOptions.prefix");
  }
}
