package dev.flecto.it;

import dev.flecto.schema.Column;
import dev.flecto.schema.Default;
import dev.flecto.schema.Id;
import dev.flecto.schema.ReadOnly;
import dev.flecto.schema.Schema;
import dev.flecto.schema.Virtual;
import java.time.LocalDate;

@Schema("defaults_demo")
public record DefaultsDemo(@Id Long id, @Default("untitled") String title, @Default("0") Integer votes,
    @Column("surname") String lastName, @ReadOnly String slug, @ReadOnly LocalDate createdOn,
    @Virtual String password) {}
