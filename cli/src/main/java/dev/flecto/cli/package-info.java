/**
 * The {@code flecto} command line: Ecto's migration tasks ({@code mix ecto.migrate},
 * {@code ecto.rollback}, {@code ecto.migrations}, {@code ecto.gen.migration}) as {@code flecto
 * migrate}, {@code rollback}, {@code status} and {@code new}, run from the {@code -all} jar beside
 * the application's classes.
 *
 * <pre>{@code
 * java -cp "target/classes:flecto-cli-0.1.0-all.jar" dev.flecto.cli.FlectoCli migrate \
 *     --url postgres://app:secret@localhost/app --package com.example.migrations
 * }</pre>
 */
package dev.flecto.cli;
