package dev.flecto.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.flecto.changeset.Changeset;
import dev.flecto.changeset.LengthRule;
import dev.flecto.jackson.Blog.Author;
import dev.flecto.schema.Assoc;
import java.lang.reflect.Type;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Jackson 2 module: the shared contract, and what is Jackson 2's own. */
class FlectoModuleTest extends JsonContract {
  private static ObjectMapper mapper(Options options) {
    ObjectMapper mapper = options.serviceLoaded() ? new ObjectMapper().findAndRegisterModules() : new ObjectMapper();
    FlectoModule.Builder builder = FlectoModule.builder();
    builder = options.notLoadedAsNull() ? builder.notLoaded(NotLoaded.NULL) : builder;
    builder = options.messages() != null ? builder.errorMessages(options.messages()) : builder;
    if (!options.serviceLoaded() || options.notLoadedAsNull()) {
      mapper.registerModule(builder.build());
    }
    return options.snakeCase() ? mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE) : mapper;
  }

  @Override
  protected String write(Object value, Options options) throws Exception {
    return mapper(options).writeValueAsString(value);
  }

  @Override
  protected Object read(String json, Type type, Options options) throws Exception {
    ObjectMapper mapper = mapper(options);
    return mapper.readValue(json, mapper.constructType(type));
  }

  @Test
  void plainJacksonLosesTheAssociationWhichIsWhyTheModuleExists() throws Exception {
    assertThat(new ObjectMapper().writeValueAsString(Assoc.loaded(new Author(7L, "Ann")))).isEqualTo("{\"loaded\":true}");
  }

  @Test
  void theJsonAsText() throws Exception {
    ObjectMapper mapper = new ObjectMapper().registerModule(new FlectoModule());
    Changeset<Author> cs = Changeset.cast(Author.class, Map.of("name", "Al"), "name").validateLength("name", LengthRule.min(3));
    assertThat(mapper.writeValueAsString(cs)).isEqualTo("{\"errors\":{\"name\":[\"should be at least 3 character(s)\"]}}");
    assertThat(mapper.writeValueAsString(new Blog.Post(1L, "Hi", 7L, Assoc.loaded(new Author(7L, "Ann")),
        Assoc.notLoaded("Post", "comments")))).isEqualTo("{\"id\":1,\"title\":\"Hi\",\"authorId\":7,\"author\":{\"id\":7,\"name\":\"Ann\"}}");
  }

  @Test
  void theBuilderIsImmutable() {
    FlectoModule.Builder defaults = FlectoModule.builder();
    assertThat(defaults.notLoaded(NotLoaded.NULL)).isNotSameAs(defaults);
    assertThat(defaults.errorMessages(e -> e.message())).isNotSameAs(defaults);
  }
}
