package dev.flecto.jackson3;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.flecto.changeset.Changeset;
import dev.flecto.changeset.ChangesetError;
import dev.flecto.changeset.ChangesetErrors;
import dev.flecto.changeset.InvalidChangesetException;
import dev.flecto.schema.Assoc;
import java.util.Objects;
import java.util.function.Function;
import tools.jackson.core.Version;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.deser.Deserializers;
import tools.jackson.databind.jsontype.TypeDeserializer;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.ser.Serializers;
import tools.jackson.databind.type.ReferenceType;

/**
 * Flecto's Jackson 3 module (tools.jackson), the twin of flecto-jackson's for Jackson 2. An
 * {@link Assoc} is written as its value when loaded (a record, a list of records, or null for a
 * belongs-to or has-one without one) and left out when not loaded (or written as null:
 * {@link NotLoaded}); it reads back as a loaded association, and an absent property as a
 * not-loaded one, so records round-trip with no annotation. A {@link Changeset} and an
 * {@link InvalidChangesetException} are written as Phoenix's {@code {"errors": {"field": ["message"]}}}
 * ({@link ChangesetErrors}). {@code findAndAddModules()} finds it; Spring Boot 4 adds it as a
 * {@code JacksonModule} bean.
 *
 * <pre>{@code
 * JsonMapper mapper = JsonMapper.builder().addModule(new FlectoModule()).build();
 * mapper.writeValueAsString(post);  // {"id":1,"title":"Hi","author":{"id":7,"name":"Ann"}} when comments were not preloaded
 * mapper.writeValueAsString(e);     // {"errors":{"title":["should be at least 3 character(s)"]}}
 * }</pre>
 */
public final class FlectoModule extends JacksonModule {
  // NON_ABSENT leaves out the absent (not-loaded) value of a reference type and keeps a loaded null.
  private static final JsonInclude.Value OMIT_NOT_LOADED =
      JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT, JsonInclude.Include.USE_DEFAULTS);

  private final NotLoaded notLoaded;
  private final Function<ChangesetError, String> messages;

  /**
   * The module with its defaults: not-loaded associations left out, error messages with their
   * {@code %{key}} placeholders filled. The constructor {@code findAndAddModules()} calls.
   *
   * <pre>{@code JsonMapper.builder().addModule(new FlectoModule()).build() }</pre>
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
   * Registers the serializers, the deserializer and the inclusion of associations; Jackson calls it.
   *
   * <pre>{@code JsonMapper.builder().addModule(new FlectoModule()).build() // calls setupModule }</pre>
   *
   * @param context the mapper's setup context
   */
  @Override
  public void setupModule(SetupContext context) {
    context.addTypeModifier(new AssocTypeModifier());
    context.addSerializers(new FlectoSerializers(messages));
    context.addDeserializers(new FlectoDeserializers());
    // Empty for NULL: the mapper's own inclusion settings apply, as for an empty Optional.
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
     * <pre>{@code JsonMapper.builder().addModule(FlectoModule.builder().build()).build() }</pre>
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
    public ValueSerializer<?> findSerializer(SerializationConfig config, JavaType type,
        BeanDescription.Supplier beanDesc, JsonFormat.Value format) {
      return type.hasRawClass(Changeset.class) || type.hasRawClass(InvalidChangesetException.class)
          ? new ChangesetErrorsSerializer(type.getRawClass(), messages) : null;
    }

    @Override
    public ValueSerializer<?> findReferenceSerializer(SerializationConfig config, ReferenceType type,
        BeanDescription.Supplier beanDesc, JsonFormat.Value format, TypeSerializer contentTypeSerializer,
        ValueSerializer<Object> contentSerializer) {
      if (!type.hasRawClass(Assoc.class)) {
        return null;
      }
      boolean staticTyping = contentTypeSerializer == null && config.isEnabled(MapperFeature.USE_STATIC_TYPING);
      return new AssocSerializer(type, staticTyping, contentTypeSerializer, contentSerializer);
    }
  }

  private static final class FlectoDeserializers extends Deserializers.Base {
    @Override
    public boolean hasDeserializerFor(DeserializationConfig config, Class<?> valueType) {
      return valueType == Assoc.class;
    }

    @Override
    public ValueDeserializer<?> findReferenceDeserializer(ReferenceType type, DeserializationConfig config,
        BeanDescription.Supplier beanDesc, TypeDeserializer contentTypeDeserializer,
        ValueDeserializer<?> contentDeserializer) {
      return type.hasRawClass(Assoc.class)
          ? new AssocDeserializer(type, null, contentTypeDeserializer, contentDeserializer) : null;
    }
  }
}
