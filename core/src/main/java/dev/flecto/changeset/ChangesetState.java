package dev.flecto.changeset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * What one step edits before it becomes the next immutable changeset. A collection is copied
 * only when the step edits it (its accessor is called); the others are the previous changeset's
 * own unmodifiable ones, shared as they are. A step such as {@code validateLength} then copies its
 * validations (and errors) instead of all eight collections twice. Its own class so that the
 * collaborators building steps ({@link Casting}, {@link ValidationSteps},
 * {@link ConstraintDeclarations}) edit a changeset the same copy-on-write way {@link Changeset} does.
 *
 * <pre>{@code
 * ChangesetState<T> s = cs.state();
 * s.errors().add(error);        // copies the errors only
 * return new Changeset<>(s);    // the others shared with cs
 * }</pre>
 */
final class ChangesetState<T> {
  private static final int CHANGES = 1;
  private static final int ERRORS = 2;
  private static final int PARAMS = 4;
  private static final int VALIDATIONS = 8;
  private static final int REQUIRED = 16;
  private static final int CONSTRAINTS = 32;
  private static final int FILTERS = 64;
  private static final int PREPARATIONS = 128;
  private static final int ASSOC_CHANGES = 256;
  private static final int EMBED_CHANGES = 512;

  final Shape<T> shape;
  final T data;
  String action;
  private Map<String, Object> changes;
  private List<ChangesetError> errors;
  private Map<String, Object> params;
  private List<Validation> validations;
  private List<String> required;
  private List<Constraint> constraints;
  private Map<String, Object> filters;
  private List<Function<Changeset<T>, Mono<Changeset<T>>>> preparations;
  private Map<String, AssocChange> assocChanges;
  private Map<String, EmbedChange> embedChanges;
  // Which of the collections above are this state's own, mutable copies (bits in field order).
  private int owned;

  ChangesetState(Shape<T> shape, T data) {
    this.shape = shape;
    this.data = data;
    // Shared empties, copied by the accessor of whichever one the step edits: a new changeset
    // usually edits only its changes (and errors), and allocating and wrapping all nine was about
    // half a kilobyte a changeset.
    this.changes = Collections.emptyMap();
    this.errors = Collections.emptyList();
    this.params = null;
    this.validations = Collections.emptyList();
    this.required = Collections.emptyList();
    this.constraints = Collections.emptyList();
    this.filters = Collections.emptyMap();
    this.preparations = Collections.emptyList();
    this.assocChanges = Collections.emptyMap();
    this.embedChanges = Collections.emptyMap();
    this.owned = PARAMS; // no params yet: params() makes a new map, nothing to copy
  }

  ChangesetState(Changeset<T> cs) {
    this.shape = cs.shape();
    this.data = cs.data();
    this.action = cs.action();
    this.changes = cs.changes();
    this.errors = cs.errors();
    this.params = cs.params();
    this.validations = cs.validations();
    this.required = cs.required();
    this.constraints = cs.constraints();
    this.filters = cs.filters();
    this.preparations = cs.preparations();
    this.assocChanges = cs.assocChanges();
    this.embedChanges = cs.embedChanges();
    this.owned = cs.params() == null ? PARAMS : 0; // no params yet: params() makes a new map, nothing to copy
  }

  private boolean own(int bit) {
    if ((owned & bit) != 0) {
      return false;
    }
    owned |= bit;
    return true;
  }

  private boolean owns(int bit) {
    return (owned & bit) != 0;
  }

  Map<String, Object> changes() {
    if (own(CHANGES)) {
      changes = new LinkedHashMap<>(changes);
    }
    return changes;
  }

  List<ChangesetError> errors() {
    if (own(ERRORS)) {
      errors = new ArrayList<>(errors);
    }
    return errors;
  }

  /** The params to edit, made (empty) when there are none yet. */
  Map<String, Object> params() {
    if (own(PARAMS) || params == null) {
      params = params == null ? new LinkedHashMap<>() : new LinkedHashMap<>(params);
    }
    return params;
  }

  List<Validation> validations() {
    if (own(VALIDATIONS)) {
      validations = new ArrayList<>(validations);
    }
    return validations;
  }

  List<String> required() {
    if (own(REQUIRED)) {
      required = new ArrayList<>(required);
    }
    return required;
  }

  List<Constraint> constraints() {
    if (own(CONSTRAINTS)) {
      constraints = new ArrayList<>(constraints);
    }
    return constraints;
  }

  Map<String, Object> filters() {
    if (own(FILTERS)) {
      filters = new LinkedHashMap<>(filters);
    }
    return filters;
  }

  List<Function<Changeset<T>, Mono<Changeset<T>>>> preparations() {
    if (own(PREPARATIONS)) {
      preparations = new ArrayList<>(preparations);
    }
    return preparations;
  }

  Map<String, AssocChange> assocChanges() {
    if (own(ASSOC_CHANGES)) {
      assocChanges = new LinkedHashMap<>(assocChanges);
    }
    return assocChanges;
  }

  Map<String, EmbedChange> embedChanges() {
    if (own(EMBED_CHANGES)) {
      embedChanges = new LinkedHashMap<>(embedChanges);
    }
    return embedChanges;
  }

  // The sealed* accessors hand the collections to the new changeset without copying them: the
  // state's own copies read-only (the state is dropped after the step); the collections it never
  // edited are already the previous changeset's read-only ones.

  Map<String, Object> sealedChanges() {
    return sealed(changes, CHANGES);
  }

  List<ChangesetError> sealedErrors() {
    return sealed(errors, ERRORS);
  }

  Map<String, Object> sealedParams() {
    return sealed(params, PARAMS);
  }

  List<Validation> sealedValidations() {
    return sealed(validations, VALIDATIONS);
  }

  List<String> sealedRequired() {
    return sealed(required, REQUIRED);
  }

  List<Constraint> sealedConstraints() {
    return sealed(constraints, CONSTRAINTS);
  }

  Map<String, Object> sealedFilters() {
    return sealed(filters, FILTERS);
  }

  List<Function<Changeset<T>, Mono<Changeset<T>>>> sealedPreparations() {
    return sealed(preparations, PREPARATIONS);
  }

  Map<String, AssocChange> sealedAssocChanges() {
    return sealed(assocChanges, ASSOC_CHANGES);
  }

  Map<String, EmbedChange> sealedEmbedChanges() {
    return sealed(embedChanges, EMBED_CHANGES);
  }

  private <V> Map<String, V> sealed(Map<String, V> map, int bit) {
    return map == null || !owns(bit) ? map : Collections.unmodifiableMap(map);
  }

  private <V> List<V> sealed(List<V> list, int bit) {
    return owns(bit) ? Collections.unmodifiableList(list) : list;
  }
}
