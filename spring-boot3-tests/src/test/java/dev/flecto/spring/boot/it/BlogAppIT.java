package dev.flecto.spring.boot.it;

/** {@link BlogAppContract} under Spring Boot 3.5. */
class BlogAppIT extends BlogAppContract {}
