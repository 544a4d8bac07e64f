package dev.flecto.jackson;

/**
 * What {@link FlectoModule} writes for an association that was not loaded.
 *
 * <pre>{@code
 * ObjectMapper mapper = new ObjectMapper()
 *     .registerModule(FlectoModule.builder().notLoaded(NotLoaded.NULL).build());
 * }</pre>
 */
public enum NotLoaded {
  /**
   * Leave the property out (the default): the client tells "not loaded" from a loaded belongs-to
   * without a parent, which is written as {@code null}. An explicit {@code @JsonInclude} on the
   * component still wins.
   */
  OMIT,
  /**
   * Write {@code null}, for clients that want every property present. The mapper's inclusion
   * settings apply, as for an empty {@code Optional}; such a {@code null} reads back as a loaded
   * association holding null.
   */
  NULL
}
