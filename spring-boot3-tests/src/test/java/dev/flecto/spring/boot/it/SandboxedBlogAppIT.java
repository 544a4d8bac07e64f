package dev.flecto.spring.boot.it;

/** {@link SandboxedBlogAppContract} under Spring Boot 3.5. */
class SandboxedBlogAppIT extends SandboxedBlogAppContract {}
