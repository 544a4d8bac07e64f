package dev.flecto.jackson;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.ser.Serializers;
import com.fasterxml.jackson.databind.type.ReferenceType;
import dev.flecto.changeset.Changeset;
import dev.flecto.changeset.ChangesetError;
import dev.flecto.changeset.ChangesetErrors;
import dev.flecto.changeset.InvalidChangesetException;
import dev.flecto.schema.Assoc;
import java.util.Objects;
import java.util.function.Function;

/**
 * Flecto's Jackson 2 module. An {@link Assoc} is written as its value when loaded (a record, a list
 * of records, or null for a belongs-to or has-one without one) and left out when not loaded (or
 * written as null: {@link NotLoaded}); it reads back as a loaded association, and an absent property
 * as a not-loaded one, so records round-trip with no annotation. A {@link Changeset} and an
 * {@link InvalidChangesetException} are written as Phoenix's {@code {"errors": {"field": ["message"]}}}
 * ({@link ChangesetErrors}). {@code findAndRegisterModules()} finds it; Spring Boot 3 registers it
 * as a {@code Module} bean.
 *
 * <pre>{@code
 * ObjectMapper mapper = new ObjectMapper().registerModule(new FlectoModule());
 * mapper.writeValueAsString(post);  // {"id":1,"title":"Hi","author":{"id":7,"name":"Ann"}} when comments were not preloaded
 * mapper.writeValueAsString(e);     // {"errors":{"title":["should be at least 3 character(s)"]}}
 * }</pre>
 */
public final class FlectoModule extends Module {
  // NON_ABSENT leaves out the absent (not-loaded) value of a reference type and keeps a loaded null.
  private static final JsonInclude.Value OMIT_NOT_LOADED =
      JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT, JsonInclude.Include.USE_DEFAULTS);

  private final NotLoaded notLoaded;
  private final Function<ChangesetError, String> messages;

  /**
   * The module with its defaults: not-loaded associations left out, error messages with their
   * {@code %{key}} placeholders filled. The constructor {@code findAndRegisterModules()} calls.
   *
   * <pre>{@code new ObjectMapper().registerModule(new FlectoModule()) }</pre>
   */
  public FlectoModule() {
    this(NotLoaded.OMIT, ChangesetError::formatted);
  }

  private FlectoModule(NotLoaded notLoaded, Function<ChangesetError, String> messages) {
    this.notLoaded = notLoaded;
    this.messages = messages;
  }

  /**
   * A builder with the defaults, to change them.
   *
   * <pre>{@code FlectoModule module = FlectoModule.builder().notLoaded(NotLoaded.NULL).build(); }</pre>
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder(NotLoaded.OMIT, ChangesetError::formatted);
  }

  /**
   * The module's name.
   *
   * <pre>{@code new FlectoModule().getModuleName() // "flecto" }</pre>
   *
   * @return {@code flecto}
   */
  @Override
  public String getModuleName() {
    return "flecto";
  }

  /**
   * The module's version, unknown: Flecto is versioned by its artifacts.
   *
   * <pre>{@code new FlectoModule().version() }</pre>
   *
   * @return {@link Version#unknownVersion()}
   */
  @Override
  public Version version() {
    return Version.unknownVersion();
  }

  /**
   * This instance: Jackson skips a module whose type id it has seen, and the class name it uses by
   * default would make a configured module registered after {@code findAndRegisterModules()} do
   * nothing. Registered twice, the module registered last wins.
   *
   * <pre>{@code mapper.findAndRegisterModules().registerModule(FlectoModule.builder().notLoaded(NotLoaded.NULL).build()) }</pre>
   *
   * @return this module
   */
  @Override
  public Object getTypeId() {
    return this;
  }

  /**
   * Registers the serializers, the deserializer and the inclusion of associations; Jackson calls it.
   *
   * <pre>{@code mapper.registerModule(new FlectoModule()) // calls setupModule }</pre>
   *
   * @param context the mapper's setup context
   */
  @Override
  public void setupModule(SetupContext context) {
    context.addTypeModifier(new AssocTypeModifier());
    context.addSerializers(new FlectoSerializers(messages));
    context.addDeserializers(new FlectoDeserializers());
    // Set in both modes, so that the module registered last decides.
    context.configOverride(Assoc.class)
        .setIncludeAsProperty(notLoaded == NotLoaded.OMIT ? OMIT_NOT_LOADED : JsonInclude.Value.empty());
  }

  /**
   * An immutable builder of {@link FlectoModule}: every step returns a new builder.
   *
   * <pre>{@code
   * FlectoModule module = FlectoModule.builder()
   *     .notLoaded(NotLoaded.NULL)
   *     .errorMessages(e -> i18n.translate(e.message(), e.keys()))
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private final NotLoaded notLoaded;
    private final Function<ChangesetError, String> messages;

    private Builder(NotLoaded notLoaded, Function<ChangesetError, String> messages) {
      this.notLoaded = notLoaded;
      this.messages = messages;
    }

    /**
     * What a not-loaded association is written as.
     *
     * <pre>{@code FlectoModule.builder().notLoaded(NotLoaded.NULL) }</pre>
     *
     * @param mode {@link NotLoaded#OMIT} (the default) or {@link NotLoaded#NULL}
     * @return a new builder
     */
    public Builder notLoaded(NotLoaded mode) {
      return new Builder(Objects.requireNonNull(mode, "mode"), messages);
    }

    /**
     * How a changeset error becomes the message written, as in Ecto's {@code traverse_errors}: to
     * translate it. The default fills the {@code %{key}} placeholders ({@link ChangesetError#formatted()}).
     *
     * <pre>{@code FlectoModule.builder().errorMessages(e -> i18n.translate(e.message(), e.keys())) }</pre>
     *
     * @param formatter turns an error into its message
     * @return a new builder
     */
    public Builder errorMessages(Function<ChangesetError, String> formatter) {
      return new Builder(notLoaded, Objects.requireNonNull(formatter, "formatter"));
    }

    /**
     * The module.
     *
     * <pre>{@code new ObjectMapper().registerModule(FlectoModule.builder().build()) }</pre>
     *
     * @return the module
     */
    public FlectoModule build() {
      return new FlectoModule(notLoaded, messages);
    }
  }

  private static final class FlectoSerializers extends Serializers.Base {
    private final Function<ChangesetError, String> messages;

    FlectoSerializers(Function<ChangesetError, String> messages) {
      this.messages = messages;
    }

    @Override
    public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type, BeanDescription beanDesc) {
      return type.hasRawClass(Changeset.class) || type.hasRawClass(InvalidChangesetException.class)
          ? new ChangesetErrorsSerializer(type.getRawClass(), messages) : null;
    }

    @Override
    public JsonSerializer<?> findReferenceSerializer(SerializationConfig config, ReferenceType type,
        BeanDescription beanDesc, TypeSerializer contentTypeSerializer, JsonSerializer<Object> contentSerializer) {
      if (!type.hasRawClass(Assoc.class)) {
        return null;
      }
      boolean staticTyping = contentTypeSerializer == null && config.isEnabled(MapperFeature.USE_STATIC_TYPING);
      return new AssocSerializer(type, staticTyping, contentTypeSerializer, contentSerializer);
    }
  }

  private static final class FlectoDeserializers extends Deserializers.Base {
    @Override
    public JsonDeserializer<?> findReferenceDeserializer(ReferenceType type, DeserializationConfig config,
        BeanDescription beanDesc, TypeDeserializer contentTypeDeserializer, JsonDeserializer<?> contentDeserializer) {
      return type.hasRawClass(Assoc.class)
          ? new AssocDeserializer(type, null, contentTypeDeserializer, contentDeserializer) : null;
    }
  }
}
