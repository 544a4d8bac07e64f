package dev.flecto.it;

import static dev.flecto.query.Exprs.field;
import static dev.flecto.query.Exprs.jsonText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.changeset.CastEmbedOptions;
import dev.flecto.changeset.Changeset;
import dev.flecto.changeset.ChangesetError;
import dev.flecto.changeset.ChangesetErrors;
import dev.flecto.query.Query;
import dev.flecto.query.Updates;
import dev.flecto.repo.Repo;
import dev.flecto.schema.Embedded;
import dev.flecto.schema.EmbedsMany;
import dev.flecto.schema.EmbedsOne;
import dev.flecto.schema.Id;
import dev.flecto.schema.OnReplace;
import dev.flecto.schema.Schema;
import dev.flecto.schema.Schemas;
import dev.flecto.test.FlectoTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The README's "Embedded schemas" example, as it is written there, run against PostgreSQL. */
@FlectoTest(schema = "/embeds.sql")
class EmbedsReadmeIT {
  private static final Duration T = Duration.ofSeconds(10);

  public enum Visibility { PUBLIC, PRIVATE }

  @Embedded
  public record Address(@Id UUID id, String street, String city) {
    public static Changeset<Address> changeset(Address address, Map<String, Object> params) {
      return Changeset.cast(address, params, "street", "city").validateRequired("city");
    }
  }

  @Embedded
  public record Settings(Boolean darkMode, Visibility visibility) {} // no @Id: no key

  @Schema("em_customers")
  public record Customer(@Id Long id, String name,
      @EmbedsOne(onReplace = OnReplace.UPDATE) Settings settings,        // a jsonb object
      @EmbedsMany(onReplace = OnReplace.DELETE) List<Address> addresses) { // a jsonb array
    public static Changeset<Customer> changeset(Customer customer, Map<String, Object> params) {
      return Changeset.cast(customer, params, "name")
          .castEmbed("settings", CastEmbedOptions.<Settings>with((s, p) -> Changeset.cast(s, p, "darkMode", "visibility")))
          .castEmbed("addresses", CastEmbedOptions.<Address>defaults().withRequired(true));
    }
  }

  @Test
  void theReadmeExampleRunsAsWritten(Repo repo) {
    Customer ann = repo.insert(Customer.changeset(Schemas.of(Customer.class).blank(), Map.of("name", "Ann",
        "settings", Map.of("darkMode", "true", "visibility", "PUBLIC"),
        "addresses", List.of(Map.of("city", "Oslo"))))).block(T);            // the address gets its UUID
    assertThat(ann.addresses().get(0).id()).isNotNull();
    assertThat(ann.settings()).isEqualTo(new Settings(true, Visibility.PUBLIC));
    Map<String, Object> errors = ChangesetErrors.traverse(Customer.changeset(ann, Map.of("addresses", List.of(Map.of("street", "1 Main")))),
        ChangesetError::formatted);                                         // {addresses=[{city=[can't be blank]}]}
    assertThat(errors).isEqualTo(Map.of("addresses", List.of(Map.of("city", List.of("can't be blank")))));
    assertThat(repo.all(Query.from(Customer.class).where(jsonText(field("settings"), "visibility").eq(Visibility.PUBLIC)))
        .collectList().block(T)).containsExactly(ann);
    assertThat(repo.all(Query.from(Customer.class).where(jsonText(field("addresses"), 0, "city").eq("Oslo")))
        .collectList().block(T)).containsExactly(ann);
    repo.updateAll(Query.from(Customer.class), Updates.set("settings", new Settings(false, Visibility.PRIVATE))).block(T);
    assertThat(repo.reload(ann).block(T).settings()).isEqualTo(new Settings(false, Visibility.PRIVATE));
    // An embedded schema is no table: the Repo refuses it inside the publisher, naming it.
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> repo.all(Address.class).collectList().block(T))
        .isInstanceOf(dev.flecto.SchemaException.class).hasMessageContaining("Address is an @Embedded schema");
  }
}
