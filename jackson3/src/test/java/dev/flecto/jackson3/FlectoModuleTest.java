package dev.flecto.jackson3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.jackson.Blog.Author;
import dev.flecto.jackson.JsonContract;
import dev.flecto.schema.Assoc;
import java.lang.reflect.Type;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The Jackson 3 module: the contract shared with the Jackson 2 module, and what is Jackson 3's own. */
class FlectoModuleTest extends JsonContract {
  private static JsonMapper mapper(Options options) {
    JsonMapper.Builder mapper = JsonMapper.builder();
    if (options.serviceLoaded()) {
      mapper.findAndAddModules();
    }
    FlectoModule.Builder builder = FlectoModule.builder();
    builder = options.notLoadedAsNull() ? builder.notLoaded(NotLoaded.NULL) : builder;
    builder = options.messages() != null ? builder.errorMessages(options.messages()) : builder;
    if (!options.serviceLoaded() || options.notLoadedAsNull()) {
      mapper.addModule(builder.build());
    }
    if (options.snakeCase()) {
      mapper.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    }
    return mapper.build();
  }

  @Override
  protected String write(Object value, Options options) {
    return mapper(options).writeValueAsString(value);
  }

  @Override
  protected Object read(String json, Type type, Options options) {
    JsonMapper mapper = mapper(options);
    return mapper.readValue(json, mapper.constructType(type));
  }

  @Test
  void plainJacksonLosesTheAssociationWhichIsWhyTheModuleExists() {
    assertThat(JsonMapper.builder().build().writeValueAsString(Assoc.loaded(new Author(7L, "Ann"))))
        .isEqualTo("{\"loaded\":true}");
  }

  @Test
  void theBuilderIsImmutable() {
    FlectoModule.Builder defaults = FlectoModule.builder();
    assertThat(defaults.notLoaded(NotLoaded.NULL)).isNotSameAs(defaults);
    assertThat(defaults.errorMessages(e -> e.message())).isNotSameAs(defaults);
  }
}
