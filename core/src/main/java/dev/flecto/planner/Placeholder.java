package dev.flecto.planner;

/**
 * Stands where a value was in a planned query's shape: the index of its bound parameter, so that
 * shapes compare equal whatever the values.
 *
 * <pre>{@code new Placeholder(0) // rendered as $1 }</pre>
 *
 * @param index the parameter's index, from 0
 */
public record Placeholder(int index) {}
