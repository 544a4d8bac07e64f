package dev.flecto.spring.boot.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flecto.schema.Assoc;
import dev.flecto.spring.boot.FlectoJacksonAutoConfiguration;
import dev.flecto.spring.boot.it.app.Blog.Author;
import dev.flecto.spring.boot.it.app.Blog.Post;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.r2dbc.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.boot.autoconfigure.r2dbc.R2dbcAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.ClassUtils;

/**
 * The starter's auto-configuration under Spring Boot 3.5 (R2dbcAutoConfiguration in
 * org.springframework.boot.autoconfigure.r2dbc, ObservationAutoConfiguration in
 * org.springframework.boot.actuate.autoconfigure.observation, Jackson 2):
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
  void jacksonModuleIsInBootsObjectMapper() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, FlectoJacksonAutoConfiguration.class))
        .run(context -> {
          assertThat(ClassUtils.isPresent("tools.jackson.databind.JacksonModule", null))
              .as("the starter brings no Jackson 3 into a Boot 3.5 application").isFalse();
          assertThat(context).hasSingleBean(dev.flecto.jackson.FlectoModule.class);
          ObjectMapper mapper = context.getBean(ObjectMapper.class);
          Post post = new Post(1L, "Hello", 7L, Assoc.loaded(new Author(7L, "Ann")), Assoc.notLoaded("Post", "comments"));
          JsonNode json = mapper.valueToTree(post);
          assertThat(json.get("author").get("name").asText()).isEqualTo("Ann");
          assertThat(json.has("comments")).as("a not-loaded association is left out").isFalse();
          assertThat(json.toString()).isEqualTo("{\"id\":1,\"title\":\"Hello\",\"authorId\":7,\"author\":{\"id\":7,\"name\":\"Ann\"}}");
        });
  }
}
