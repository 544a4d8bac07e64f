package dev.flecto.spring.boot.it;

/** {@link BlogAppContract} under Spring Boot 4.0. */
class BlogAppIT extends BlogAppContract {}
