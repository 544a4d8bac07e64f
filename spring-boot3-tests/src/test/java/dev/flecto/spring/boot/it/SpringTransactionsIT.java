package dev.flecto.spring.boot.it;

/** {@link SpringTransactionsContract} under Spring Boot 3.5. */
class SpringTransactionsIT extends SpringTransactionsContract {}
