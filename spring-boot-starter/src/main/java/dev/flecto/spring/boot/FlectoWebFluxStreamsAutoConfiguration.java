package dev.flecto.spring.boot;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * In a WebFlux application, the {@link StreamsEndWithExchange} filter: a Repo stream returned as a
 * response body ends with its exchange, even when WebFlux fails the response without cancelling
 * the body. {@code flecto.web.end-streams-with-exchange=false} turns it off.
 *
 * <pre>{@code flecto.web.end-streams-with-exchange=false   # your own filter, or none }</pre>
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(name = "org.springframework.web.server.WebFilter")
@ConditionalOnProperty(prefix = "flecto.web", name = "end-streams-with-exchange", havingValue = "true", matchIfMissing = true)
public class FlectoWebFluxStreamsAutoConfiguration {
  /**
   * Created by Spring.
   *
   * <pre>{@code new ReactiveWebApplicationContextRunner().withConfiguration(AutoConfigurations.of(FlectoWebFluxStreamsAutoConfiguration.class)) }</pre>
   */
  public FlectoWebFluxStreamsAutoConfiguration() {}

  /**
   * The filter, unless the application declares one.
   *
   * <pre>{@code flectoStreamsEndWithExchange() }</pre>
   *
   * @return the filter
   */
  @Bean
  @ConditionalOnMissingBean
  public StreamsEndWithExchange flectoStreamsEndWithExchange() {
    return new StreamsEndWithExchange();
  }
}
