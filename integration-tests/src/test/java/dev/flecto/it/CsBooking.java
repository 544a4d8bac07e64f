package dev.flecto.it;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import java.time.Instant;

@Schema("cs_bookings")
public record CsBooking(@Id Long id, Integer room, Instant startsAt, Instant endsAt) {}
