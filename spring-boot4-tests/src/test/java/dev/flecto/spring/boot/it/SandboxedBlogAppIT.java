package dev.flecto.spring.boot.it;

/** {@link SandboxedBlogAppContract} under Spring Boot 4.0. */
class SandboxedBlogAppIT extends SandboxedBlogAppContract {}
