package dev.flecto.spring.boot;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Flecto's Jackson module as a bean, which Boot adds to the mapper it builds (the one WebFlux
 * writes responses with): a loaded {@code Assoc} is written as its value, a not-loaded one is left
 * out, a changeset as {@code {"errors": ...}}. Boot 3.5 adds {@code com.fasterxml.jackson.databind.Module}
 * beans to its {@code ObjectMapper}, so {@code dev.flecto.jackson.FlectoModule} is registered when
 * Jackson 2 and flecto-jackson are present (the starter brings both); Boot 4 adds
 * {@code tools.jackson.databind.JacksonModule} beans to its {@code JsonMapper}, so
 * {@code dev.flecto.jackson3.FlectoModule} is registered when Jackson 3 and flecto-jackson3 (add it
 * to a Boot 4 application) are present. Each lives in its own nested class guarded by class names,
 * so a missing Jackson line is never loaded. A module bean of the application's replaces Flecto's.
 *
 * <pre>{@code
 * @Bean   // Boot 4: write not-loaded associations as null instead of leaving them out
 * dev.flecto.jackson3.FlectoModule flectoModule() {
 *   return dev.flecto.jackson3.FlectoModule.builder().notLoaded(NotLoaded.NULL).build();
 * }
 * }</pre>
 */
@AutoConfiguration
public class FlectoJacksonAutoConfiguration {
  /**
   * Created by Spring.
   *
   * <pre>{@code new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FlectoJacksonAutoConfiguration.class)) }</pre>
   */
  public FlectoJacksonAutoConfiguration() {}

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"com.fasterxml.jackson.databind.Module", "dev.flecto.jackson.FlectoModule"})
  static class Jackson2 {
    @Bean
    @ConditionalOnMissingBean(type = "dev.flecto.jackson.FlectoModule")
    dev.flecto.jackson.FlectoModule flectoJackson2Module() {
      return new dev.flecto.jackson.FlectoModule();
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"tools.jackson.databind.JacksonModule", "dev.flecto.jackson3.FlectoModule"})
  static class Jackson3 {
    @Bean
    @ConditionalOnMissingBean(type = "dev.flecto.jackson3.FlectoModule")
    dev.flecto.jackson3.FlectoModule flectoJackson3Module() {
      return new dev.flecto.jackson3.FlectoModule();
    }
  }
}
