package dev.flecto.spring.boot.it;

/** {@link StreamsEndWithExchangeContract} under Spring Boot 3.5. */
class StreamsEndWithExchangeIT extends StreamsEndWithExchangeContract {}
