package dev.flecto.spring.boot;

import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

/**
 * Bounds the prepared-statement cache of the pool Boot builds (r2dbc-postgresql keeps every
 * distinct statement prepared unless told otherwise) with a Boot
 * {@code ConnectionFactoryOptionsBuilderCustomizer}. That interface is in another package in each
 * Boot line and the starter is compiled against 3.5 only, so the bean is a proxy of whichever of
 * the two is present, registered by name.
 */
final class StatementCacheCustomizerRegistrar implements ImportBeanDefinitionRegistrar, BeanFactoryAware, BeanClassLoaderAware {
  static final String[] CUSTOMIZER_TYPES = {
      "org.springframework.boot.autoconfigure.r2dbc.ConnectionFactoryOptionsBuilderCustomizer", // Boot 3.5
      "org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer"}; // Boot 4.0
  static final String BEAN_NAME = "flectoStatementCacheCustomizer";

  private BeanFactory beanFactory;
  private ClassLoader classLoader;

  @Override
  public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
    this.beanFactory = beanFactory;
  }

  @Override
  public void setBeanClassLoader(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  @Override
  public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
    for (String name : CUSTOMIZER_TYPES) {
      if (ClassUtils.isPresent(name, classLoader) && !registry.containsBeanDefinition(BEAN_NAME)) {
        @SuppressWarnings("unchecked")
        Class<Object> type = (Class<Object>) ClassUtils.resolveClassName(name, classLoader);
        // The properties are read when Boot asks for its customizers, after they were bound.
        BeanFactory factory = beanFactory;
        RootBeanDefinition definition = new RootBeanDefinition(type,
            () -> proxy(type, factory.getBean(FlectoProperties.class).statementCacheSizeOrDefault()));
        registry.registerBeanDefinition(BEAN_NAME, definition);
      }
    }
  }

  static Object proxy(Class<?> type, int size) {
    return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, new Handler(size));
  }

  /** Sets the option unless the URL or {@code spring.r2dbc.properties} did: the user's value wins. */
  private record Handler(int size) implements InvocationHandler {
    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
      switch (method.getName()) {
        case "customize" -> {
          ConnectionFactoryOptions.Builder builder = (ConnectionFactoryOptions.Builder) args[0];
          if (!builder.build().hasOption(PostgresqlConnectionFactoryProvider.PREPARED_STATEMENT_CACHE_QUERIES)) {
            builder.option(PostgresqlConnectionFactoryProvider.PREPARED_STATEMENT_CACHE_QUERIES, size);
          }
          return null;
        }
        case "equals" -> {
          return proxy == args[0];
        }
        case "hashCode" -> {
          return System.identityHashCode(proxy);
        }
        case "toString" -> {
          return "Flecto's statement cache bound (" + size + " per connection)";
        }
        default -> throw new UnsupportedOperationException(method.toString());
      }
    }
  }
}
