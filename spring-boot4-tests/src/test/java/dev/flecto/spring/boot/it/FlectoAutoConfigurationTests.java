package dev.flecto.spring.boot.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.schema.Assoc;
import dev.flecto.spring.boot.FlectoJacksonAutoConfiguration;
import dev.flecto.spring.boot.it.app.Blog.Author;
import dev.flecto.spring.boot.it.app.Blog.Post;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The starter's auto-configuration under Spring Boot 4.0, where R2dbcAutoConfiguration moved to
 * org.springframework.boot.r2dbc.autoconfigure, ObservationAutoConfiguration to
 * org.springframework.boot.micrometer.observation.autoconfigure, and the mapper is Jackson 3's (the
 * starter is compiled against Boot 3.5: these tests are what shows it loads here):
 * {@link AutoConfigurationContract} and this line's Jackson.
 */
class FlectoAutoConfigurationTests extends AutoConfigurationContract {
  @Override
  protected Class<?> r2dbcAutoConfiguration() {
    return R2dbcAutoConfiguration.class;
  }

  @Override
  protected Class<?> observationAutoConfiguration() {
    return ObservationAutoConfiguration.class;
  }

  @Override
  protected Class<?> optionsCustomizerType() {
    return ConnectionFactoryOptionsBuilderCustomizer.class;
  }

  @Override
  protected void customize(Object customizer, ConnectionFactoryOptions.Builder builder) {
    ((ConnectionFactoryOptionsBuilderCustomizer) customizer).customize(builder);
  }

  @Test
  void jackson3ModuleIsInBootsJsonMapper() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, FlectoJacksonAutoConfiguration.class))
        // Boot 4 also finds modules through ServiceLoader: off, so that the bean is what is tested.
        .withPropertyValues("spring.jackson.find-and-add-modules=false")
        .run(context -> {
          JsonMapper mapper = context.getBean(JsonMapper.class);
          assertThat(context).hasSingleBean(dev.flecto.jackson3.FlectoModule.class);
          Post post = new Post(1L, "Hello", 7L, Assoc.loaded(new Author(7L, "Ann")), Assoc.notLoaded("Post", "comments"));
          JsonNode json = mapper.valueToTree(post);
          assertThat(json.get("author").get("name").asString()).isEqualTo("Ann");
          assertThat(json.has("comments")).as("a not-loaded association is left out").isFalse();
          assertThat(json.toString()).isEqualTo("{\"id\":1,\"title\":\"Hello\",\"authorId\":7,\"author\":{\"id\":7,\"name\":\"Ann\"}}");
        });
  }
}
