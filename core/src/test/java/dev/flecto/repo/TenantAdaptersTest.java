package dev.flecto.repo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.adapter.Adapter;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Schemas;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The adapters a Repo stacks over its own (the default prefix's, the dynamic repos') forward every
 * method of the SPI, default ones included: a method added to {@link Adapter} and not forwarded
 * would silently skip the prefix, or run on no chosen database.
 */
class TenantAdaptersTest {
  @Schema(value = "ta_items", prefix = "shared")
  record TaItem(@Id Long id, String name) {}

  private static List<String> notForwarded(Class<?> decorator) {
    return Arrays.stream(Adapter.class.getMethods()).filter(m -> !m.isSynthetic() && !java.lang.reflect.Modifier.isStatic(m.getModifiers()))
        .filter(m -> {
          try {
            Method own = decorator.getDeclaredMethod(m.getName(), m.getParameterTypes());
            return own.getDeclaringClass() != decorator;
          } catch (NoSuchMethodException e) {
            return true;
          }
        }).map(Method::toString).toList();
  }

  @Test
  void thePrefixingAdapterForwardsEveryMethod() {
    assertThat(notForwarded(PrefixedAdapter.class)).isEmpty();
  }

  @Test
  void theDynamicAdapterForwardsEveryMethod() {
    assertThat(notForwarded(DynamicAdapter.class)).isEmpty();
  }

  @Test
  void aSchemaInAPrefixIsMadeOnceAndSharesAllButItsPrefix() {
    SchemaMeta<TaItem> meta = Schemas.of(TaItem.class);
    SchemaMeta<TaItem> t1 = meta.inPrefix("tenant_1");
    assertThat(t1.prefix()).isEqualTo("tenant_1");
    assertThat(meta.prefix()).isEqualTo("shared");
    assertThat(meta.inPrefix("tenant_1")).as("the same meta again: statement caches keyed by it keep working").isSameAs(t1);
    assertThat(t1.inPrefix("tenant_1")).isSameAs(t1);
    assertThat(t1.inPrefix("shared")).as("back to the declared one").isSameAs(meta);
    assertThat(t1.inPrefix("tenant_2")).isSameAs(meta.inPrefix("tenant_2"));
    assertThat(t1.persistedFields()).isSameAs(meta.persistedFields());
    assertThat(t1.table()).isEqualTo("ta_items");
  }
}
