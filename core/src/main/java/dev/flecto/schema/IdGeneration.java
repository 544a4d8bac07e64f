package dev.flecto.schema;

/**
 * How a new record gets its primary key.
 *
 * <pre>{@code
 * @Schema("tokens") record Token(@Id(generated = IdGeneration.CLIENT_UUID) UUID id) {}
 * }</pre>
 */
public enum IdGeneration {
  /** {@code DATABASE} for a single integral key, {@code CLIENT_UUID} for a single UUID key, else {@code NONE}. */
  AUTO,
  /** The database assigns the key (bigserial or identity): never written, read back after insert. */
  DATABASE,
  /** Flecto assigns a random UUID on insert when the key is null. */
  CLIENT_UUID,
  /** The caller always supplies the key. */
  NONE
}
