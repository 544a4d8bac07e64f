package dev.flecto.cli;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Database URLs as the command prints them: never with their password, whether it is in the user
 * information ({@code postgres://app:secret@db/app}) or a {@code password} query parameter.
 */
final class Urls {
  private static final Pattern QUERY_PASSWORD = Pattern.compile("([?&])password=([^&#]*)&?", Pattern.CASE_INSENSITIVE);

  private Urls() {}

  /**
   * The URL without its password: {@code postgres://app:secret@db/app} → {@code postgres://app@db/app}.
   *
   * @param url a database URL
   * @return the URL to print
   */
  static String redact(String url) {
    if (url == null) {
      return "null";
    }
    String result = url;
    int[] info = userInfo(result);
    if (info != null) {
      String userInfo = result.substring(info[0], info[1]);
      int colon = userInfo.indexOf(':');
      if (colon >= 0) {
        result = result.substring(0, info[0]) + userInfo.substring(0, colon) + result.substring(info[1]);
      }
    }
    Matcher m = QUERY_PASSWORD.matcher(result);
    if (m.find()) {
      String rest = result.substring(m.end());
      String before = result.substring(0, m.start());
      if (m.group().endsWith("&")) {
        result = before + m.group(1) + rest;      // ?password=x&a=b → ?a=b ; &password=x&a=b → &a=b
      } else {
        result = before + rest;                   // ?password=x → "" ; &password=x → ""
      }
    }
    return result;
  }

  /**
   * The passwords a URL holds, as written and decoded, to be scrubbed from anything printed.
   *
   * @param url a database URL, or null
   * @return the secrets (no empty ones)
   */
  static Set<String> secrets(String url) {
    Set<String> secrets = new LinkedHashSet<>();
    if (url == null) {
      return secrets;
    }
    int[] info = userInfo(url);
    if (info != null) {
      String userInfo = url.substring(info[0], info[1]);
      int colon = userInfo.indexOf(':');
      if (colon >= 0) {
        add(secrets, userInfo.substring(colon + 1));
      }
    }
    Matcher m = QUERY_PASSWORD.matcher(url);
    while (m.find()) {
      add(secrets, m.group(2));
    }
    return secrets;
  }

  /**
   * The text with every password of the URL replaced by {@code ***}.
   *
   * @param text a message, or null
   * @param url the database URL, or null
   * @return the text to print
   */
  static String scrub(String text, String url) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : secrets(url)) {
      result = result.replace(secret, "***");
    }
    return result;
  }

  private static void add(Set<String> secrets, String raw) {
    if (raw.isEmpty()) {
      return;
    }
    secrets.add(raw);
    try {
      String decoded = URLDecoder.decode(raw, StandardCharsets.UTF_8);
      if (!decoded.isEmpty()) {
        secrets.add(decoded);
      }
    } catch (IllegalArgumentException e) {
      // not percent-encoded: the raw form is all there is
    }
  }

  /** Where the user information of {@code scheme://user:password@host...} is: start and end, or null. */
  private static int[] userInfo(String url) {
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      return null;
    }
    int start = scheme + 3;
    int end = url.length();
    for (char stop : new char[] {'/', '?', '#'}) {
      int at = url.indexOf(stop, start);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    int at = url.lastIndexOf('@', end - 1);
    return at >= start ? new int[] {start, at} : null;
  }
}
