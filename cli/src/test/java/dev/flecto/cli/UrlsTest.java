package dev.flecto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Passwords are never printed: the URL without them, and messages scrubbed of them. */
class UrlsTest {
  @Test
  void redactsThePasswordOfTheUserInformation() {
    assertThat(Urls.redact("postgres://app:s3cret@db:5432/app")).isEqualTo("postgres://app@db:5432/app");
    assertThat(Urls.redact("r2dbc:postgresql://app:p%40ss@db/app?sslMode=require"))
        .isEqualTo("r2dbc:postgresql://app@db/app?sslMode=require");
    assertThat(Urls.redact("postgresql://app@db/app")).isEqualTo("postgresql://app@db/app");
    assertThat(Urls.redact("postgresql://db/app")).isEqualTo("postgresql://db/app");
  }

  @Test
  void redactsAPasswordQueryParameter() {
    assertThat(Urls.redact("r2dbc:postgresql://db/app?user=app&password=s3cret")).isEqualTo("r2dbc:postgresql://db/app?user=app");
    assertThat(Urls.redact("r2dbc:postgresql://db/app?password=s3cret&sslMode=require"))
        .isEqualTo("r2dbc:postgresql://db/app?sslMode=require");
    assertThat(Urls.redact("r2dbc:postgresql://db/app?password=s3cret")).isEqualTo("r2dbc:postgresql://db/app");
  }

  @Test
  void scrubsThePasswordsFromMessagesAsWrittenAndDecoded() {
    String url = "postgres://app:p%40ss@db/app";
    assertThat(Urls.scrub("password authentication failed: p%40ss / p@ss", url))
        .isEqualTo("password authentication failed: *** / ***");
    assertThat(Urls.scrub("nothing secret", "postgres://db/app")).isEqualTo("nothing secret");
    assertThat(Urls.scrub(null, url)).isNull();
  }
}
