package dev.flecto.spring.boot.it;

/** {@link SpringTransactionsContract} under Spring Boot 4.0. */
class SpringTransactionsIT extends SpringTransactionsContract {}
