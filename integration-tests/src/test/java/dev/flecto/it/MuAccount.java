package dev.flecto.it;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;

@Schema("mu_accounts")
public record MuAccount(@Id Long id, String owner, Integer balance) {}
