package dev.flecto.spring.boot.it;

/** {@link StreamsEndWithExchangeContract} under Spring Boot 4.0. */
class StreamsEndWithExchangeIT extends StreamsEndWithExchangeContract {}
