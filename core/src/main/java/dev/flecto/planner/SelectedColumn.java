package dev.flecto.planner;

import java.util.function.UnaryOperator;

/**
 * How to read one selected column: the class to ask the driver for ({@code Object.class} for its
 * default) and the conversion to the value's Java type. Made once per query shape.
 *
 * <pre>{@code new SelectedColumn(Long.class, v -> v) }</pre>
 *
 * @param readType the driver class
 * @param convert the driver value to the Java value (given null, returns null)
 */
public record SelectedColumn(Class<?> readType, UnaryOperator<Object> convert) {}
