package dev.flecto.it;

import dev.flecto.changeset.Changeset;
import dev.flecto.schema.Column;
import dev.flecto.schema.Embedded;
import dev.flecto.schema.EmbedsMany;
import dev.flecto.schema.EmbedsOne;
import dev.flecto.schema.Id;
import dev.flecto.schema.IdGeneration;
import dev.flecto.schema.OnReplace;
import dev.flecto.schema.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Schemas of EmbedsIT (embeds.sql): embedded records, each with the static changeset castEmbed uses by default. */
final class EmSchemas {
  private EmSchemas() {}

  enum Visibility { PUBLIC, PRIVATE }

  @Embedded
  record EmGeo(Double lat, Double lng) {
    static Changeset<EmGeo> changeset(EmGeo geo, Map<String, Object> params) {
      return Changeset.cast(geo, params, "lat", "lng").validateRequired("lat", "lng");
    }
  }

  @Embedded
  record EmAddress(@Id UUID id, String street, String city, @EmbedsOne EmGeo geo) {
    static Changeset<EmAddress> changeset(EmAddress address, Map<String, Object> params) {
      return Changeset.cast(address, params, "street", "city").validateRequired("city").castEmbed("geo");
    }
  }

  @Embedded
  record EmProfile(@Id UUID id, Boolean online, @Column("theme") String darkMode, Visibility visibility, Instant seenAt) {
    static Changeset<EmProfile> changeset(EmProfile profile, Map<String, Object> params) {
      return Changeset.cast(profile, params, "online", "darkMode", "visibility", "seenAt").validateRequired("visibility");
    }
  }

  @Schema("em_users")
  record EmUser(@Id Long id, String name, @EmbedsOne(onReplace = OnReplace.UPDATE) EmProfile profile,
      @EmbedsMany(onReplace = OnReplace.DELETE) List<EmAddress> addresses, String homeKey) {
    static EmUser named(String name) {
      return new EmUser(null, name, null, List.of(), null);
    }

    static Changeset<EmUser> changeset(EmUser user, Map<String, Object> params) {
      return Changeset.cast(user, params, "name").validateRequired("name").castEmbed("profile").castEmbed("addresses")
          .uniqueConstraint("name");
    }
  }

  @Embedded
  record EmItem(@Id UUID id, String title, Integer qty) {
    static Changeset<EmItem> changeset(EmItem item, Map<String, Object> params) {
      return Changeset.cast(item, params, "title", "qty").validateRequired("title");
    }
  }

  @Schema("em_orders")
  record EmOrder(@Id Long id, String label, List<EmItem> items, @EmbedsOne(onReplace = OnReplace.MARK_AS_INVALID) EmItem item) {}

  @Embedded
  record EmEvery(@Id(generated = IdGeneration.NONE) UUID id, String s, Integer i, Long l, Short sh, Boolean b, Double d,
      Float f, BigDecimal dec, UUID u, Instant at, OffsetDateTime odt, LocalDateTime ldt, LocalDate day, LocalTime time,
      byte[] bytes, Visibility vis, List<String> tags, List<Long> nums, Map<String, Object> meta, EmGeo geo,
      List<EmGeo> geos, int prim) {}

  @Schema("em_shelves")
  record EmShelf(@Id Long id, String label, @EmbedsMany(array = true, onReplace = OnReplace.DELETE) List<EmItem> items) {}

  @Embedded
  record EmKeyless(String note) {}

  @Schema("em_docs")
  record EmDoc(@Id Long id, EmEvery every, List<EmEvery> manyEvery,
      @EmbedsMany(onReplace = OnReplace.DELETE) List<EmKeyless> keyless) {}
}
