package dev.flecto.changeset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.flecto.ArgumentException;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The validations of Ecto.Changeset (validate_required, _format, _length, _number, _inclusion,
 * _exclusion, _subset, _acceptance, _confirmation, _change), their exact messages and metadata,
 * validations/1 and traverse_errors/2.
 */
class ValidationsTest {
  @Schema("users")
  public record User(@Id Long id, String name, String email, Integer age, BigDecimal balance, String role,
      String password, byte[] avatar) {}

  private static final User NEW = new User(null, null, null, null, null, null, null, null);
  private static final User ANN = new User(1L, "Ann", "ann@example.com", 30, new BigDecimal("10.50"), "member",
      "secret", new byte[] {1, 2, 3});

  private static final Map<String, Class<?>> LIST_TYPES = Map.of("tags", List.class, "pets", List.class,
      "numbers", List.class);

  private static Changeset<User> withName(String name) {
    return Changeset.change(NEW).putChange("name", name);
  }

  private static ChangesetError length(String field, String message, String kind, int count, String type) {
    return new ChangesetError(field, message, Map.of("count", count, "validation", "length", "kind", kind, "type", type));
  }

  private static ChangesetError number(String message, String kind, Number n) {
    return new ChangesetError("age", message, Map.of("validation", "number", "kind", kind, "number", n));
  }

  private static List<ChangesetError> ageErrors(int age, NumberRule... rules) {
    return Changeset.change(NEW).putChange("age", age).validateNumber("age", rules).errors();
  }

  @Test
  void aValidationsOptionsAreItsRulesOnceEachTheLaterOfARepeatedKindWinning() {
    // The options are built straight into an immutable map (no LinkedHashMap copied): one, two and
    // more entries, and a rule kind given twice, as Ecto's keyword list read as a map would keep it.
    assertThat(withName("Ann").validateLength("name", LengthRule.min(1)).validations())
        .containsExactly(new Validation("name", "length", Map.of("min", 1)));
    assertThat(withName("Ann").validateLength("name", LengthRule.between(1, 100)).validations())
        .containsExactly(new Validation("name", "length", Map.of("min", 1, "max", 100)));
    assertThat(withName("Ann").validateLength("name", new LengthRule(3, 1, 5, LengthRule.Count.BYTES, "bad")).validations())
        .containsExactly(new Validation("name", "length",
            Map.of("is", 5, "min", 3, "max", 1, "count", "bytes", "message", "bad")));
    Changeset<User> age = Changeset.change(NEW).putChange("age", 30)
        .validateNumber("age", NumberRule.greaterThan(0), NumberRule.lessThan(10), NumberRule.greaterThan(5),
            NumberRule.notEqualTo(7));
    assertThat(age.validations()).containsExactly(new Validation("age", "number",
        Map.of("greater_than", 5, "less_than", 10, "not_equal_to", 7)));
    assertThat(age.errors()).as("every rule is still checked").containsExactly(
        number("must be less than %{number}", "less_than", 10));
  }

  @Test
  void numberRulesCompareWholeNumbersExactlyAtTheirEdgesAndAcrossTypes() {
    // Whole numbers compare as longs (no BigDecimal); the edges and a mix of types must still hold.
    assertThat(ageErrors(0, NumberRule.greaterThanOrEqualTo(0L), NumberRule.lessThan(150))).isEmpty();
    assertThat(ageErrors(-1, NumberRule.greaterThanOrEqualTo((short) 0))).containsExactly(
        number("must be greater than or equal to %{number}", "greater_than_or_equal_to", (short) 0));
    assertThat(ageErrors(Integer.MAX_VALUE, NumberRule.lessThan(Long.MAX_VALUE), NumberRule.greaterThan(Integer.MIN_VALUE)))
        .isEmpty();
    assertThat(ageErrors(150, NumberRule.lessThan((byte) 100))).containsExactly(
        number("must be less than %{number}", "less_than", (byte) 100));
    // A fractional bound still compares as a decimal: 10 is not greater than 10.5.
    assertThat(ageErrors(10, NumberRule.greaterThan(new BigDecimal("10.5")))).containsExactly(
        number("must be greater than %{number}", "greater_than", new BigDecimal("10.5")));
    assertThat(ageErrors(10, NumberRule.greaterThan(9.5))).isEmpty();
  }

  // ---------------------------------------------------------------- validate_required

  @Test
  void requiredAddsCantBeBlankForNullAndWhitespaceOnlyValues() {
    Changeset<User> cs = Changeset.cast(NEW, Map.of("name", "   ", "email", "\t\n"), "name", "email")
        .validateRequired("name", "email", "age");

    assertThat(cs.errors()).containsExactly(
        new ChangesetError("name", "can't be blank", Map.of("validation", "required")),
        new ChangesetError("email", "can't be blank", Map.of("validation", "required")),
        new ChangesetError("age", "can't be blank", Map.of("validation", "required")));
    assertThat(cs.isValid()).isFalse();
  }

  @Test
  void requiredIsSatisfiedByTheDataForPartialUpdates() {
    assertThat(Changeset.change(ANN).validateRequired("name", "email", "age").isValid()).isTrue();
    assertThat(Changeset.cast(ANN, Map.of("age", "31"), "age").validateRequired("name", "age").isValid()).isTrue();
  }

  @Test
  void requiredAddsNoErrorToAFieldThatAlreadyHasOne() {
    Changeset<User> cs = Changeset.cast(NEW, Map.of("age", "old"), "age").validateRequired("age");

    assertThat(cs.errorsOn("age")).extracting(ChangesetError::message).containsExactly("is invalid");
  }

  @Test
  void requiredRemovesTheMissingFieldFromTheChanges() {
    Changeset<User> blanked = Changeset.cast(ANN, Map.of("name", " ", "age", "31"), "name", "age");
    Map<String, Object> expected = new HashMap<>();
    expected.put("name", null);
    expected.put("age", 31);
    assertThat(blanked.changes()).isEqualTo(expected);

    Changeset<User> cs = blanked.validateRequired("name", "age");
    assertThat(cs.changes()).isEqualTo(Map.of("age", 31));
    assertThat(cs.errors()).containsExactly(new ChangesetError("name", "can't be blank", Map.of("validation", "required")));
    assertThat(cs.applyChanges().name()).isEqualTo("Ann");

    assertThat(Changeset.change(ANN).putChange("name", "").validateRequired("name").changes())
        .as("an empty string put directly is missing too").isEmpty();
  }

  @Test
  void requiredFieldsAreListedInRequiredNotInValidations() {
    Changeset<User> cs = Changeset.change(NEW)
        .validateRequired("name", "email")
        .validateRequired(List.of("age"), "is required");

    assertThat(cs.required()).containsExactly("name", "email", "age");
    assertThat(cs.validations()).isEmpty();
    assertThat(cs.errorsOn("age")).containsExactly(new ChangesetError("age", "is required", Map.of("validation", "required")));
    assertThatThrownBy(() -> Changeset.change(NEW).validateRequired("nickname"))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("'nickname'");
  }

  // ---------------------------------------------------------------- validate_format

  @Test
  void formatMatchesAnywhereInTheChange() {
    assertThat(Changeset.cast(NEW, Map.of("email", "mary@example.com"), "email")
        .validateFormat("email", Pattern.compile("@")).isValid()).isTrue();

    Changeset<User> cs = Changeset.cast(NEW, Map.of("email", "mary.example.com"), "email")
        .validateFormat("email", Pattern.compile("@"));
    assertThat(cs.errors()).containsExactly(new ChangesetError("email", "has invalid format", Map.of("validation", "format")));
    assertThat(cs.validations()).containsExactly(new Validation("email", "format", Map.of("format", "@")));
  }

  @Test
  void formatTakesACustomMessage() {
    Pattern topic = Pattern.compile("^\\w+:\\s");

    assertThat(withName("news: hello").validateFormat("name", topic, "must start with a topic").isValid()).isTrue();
    assertThat(withName("hello news: x").validateFormat("name", topic, "must start with a topic").errors())
        .containsExactly(new ChangesetError("name", "must start with a topic", Map.of("validation", "format")));
  }

  @Test
  void formatRefusesAChangeThatIsNotAString() {
    // Changelog v3.10.0: "[Ecto.Changeset] Raise when change provided to validate_format/4 is not a string"
    Changeset<User> cs = Changeset.change(NEW).putChange("age", 42);

    assertThatThrownBy(() -> cs.validateFormat("age", Pattern.compile("\\d")))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("age");
  }

  @Test
  void theOtherValidationsRefuseAChangeOfTheWrongKind() {
    Changeset<User> cs = Changeset.change(NEW).putChange("age", 42).putChange("name", "abc");

    assertThatThrownBy(() -> cs.validateLength("age", LengthRule.min(1)))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("age");
    assertThatThrownBy(() -> cs.validateNumber("name", NumberRule.greaterThan(0)))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("name");
    assertThatThrownBy(() -> cs.validateSubset("name", List.of("abc")))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("name");
  }

  // ---------------------------------------------------------------- validate_length

  @Test
  void lengthOfStringsHasEctosMessagesAndMetadata() {
    assertThat(withName("Al").validateLength("name", LengthRule.min(3)).errors())
        .containsExactly(length("name", "should be at least %{count} character(s)", "min", 3, "string"));
    assertThat(withName("Alexander").validateLength("name", LengthRule.max(5)).errors())
        .containsExactly(length("name", "should be at most %{count} character(s)", "max", 5, "string"));
    assertThat(withName("Ann").validateLength("name", LengthRule.is(4)).errors())
        .containsExactly(length("name", "should be %{count} character(s)", "is", 4, "string"));
    assertThat(withName("Ann").validateLength("name", LengthRule.between(3, 3)).isValid()).isTrue();
    assertThat(withName("Al").validateLength("name", LengthRule.min(3)).errorsByField())
        .isEqualTo(Map.of("name", List.of("should be at least 3 character(s)")));
  }

  @Test
  void lengthChecksIsThenMinThenMaxAndReportsOnlyTheFirstFailure() {
    assertThat(withName("ab").validateLength("name", new LengthRule(5, 10, 3, LengthRule.Count.GRAPHEMES, null)).errors())
        .extracting(e -> e.keys().get("kind")).containsExactly("is");
    assertThat(withName("abc").validateLength("name", new LengthRule(5, 2, null, LengthRule.Count.GRAPHEMES, null)).errors())
        .extracting(e -> e.keys().get("kind")).containsExactly("min");
  }

  @Test
  void lengthCountsGraphemesByDefaultOrCodepointsOrBytes() {
    String precomposed = "h\u00e9llo";   // é as one code point
    String combining = "he\u0301llo";    // e + COMBINING ACUTE ACCENT
    String heart = "\u2764\uFE0F";        // HEAVY BLACK HEART + VARIATION SELECTOR-16

    assertThat(withName(precomposed).validateLength("name", LengthRule.is(5)).isValid()).isTrue();
    assertThat(withName(combining).validateLength("name", LengthRule.is(5)).isValid()).isTrue();
    assertThat(withName(heart).validateLength("name", LengthRule.is(1)).isValid()).isTrue();

    assertThat(withName(combining).validateLength("name", LengthRule.is(5).countBy(LengthRule.Count.CODEPOINTS)).errors())
        .containsExactly(length("name", "should be %{count} character(s)", "is", 5, "string"));
    assertThat(withName(combining).validateLength("name", LengthRule.is(6).countBy(LengthRule.Count.CODEPOINTS)).isValid())
        .isTrue();
    assertThat(withName(heart).validateLength("name", LengthRule.is(2).countBy(LengthRule.Count.CODEPOINTS)).isValid())
        .isTrue();

    assertThat(withName(precomposed).validateLength("name", LengthRule.max(5).countBy(LengthRule.Count.BYTES)).errors())
        .containsExactly(length("name", "should be at most %{count} byte(s)", "max", 5, "binary"));
    assertThat(withName(combining).validateLength("name", LengthRule.is(7).countBy(LengthRule.Count.BYTES)).isValid())
        .isTrue();
    assertThat(withName(heart).validateLength("name", LengthRule.min(7).countBy(LengthRule.Count.BYTES)).errors())
        .containsExactly(length("name", "should be at least %{count} byte(s)", "min", 7, "binary"));
  }

  @Test
  void lengthCountsAnEmojiSequenceAsOneGrapheme() {
    // Ecto counts graphemes with String.length/1 (Unicode extended grapheme clusters):
    // String.length("👍🏽") == 1, String.length("👨‍👩‍👧") == 1, String.length("🇫🇷") == 1.
    String thumbsUpMediumSkin = "\uD83D\uDC4D\uD83C\uDFFD";
    String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
    String flag = "\uD83C\uDDEB\uD83C\uDDF7";

    assertThat(withName(thumbsUpMediumSkin).validateLength("name", LengthRule.is(1)).errors()).isEmpty();
    assertThat(withName(family).validateLength("name", LengthRule.is(1)).errors()).isEmpty();
    assertThat(withName(flag).validateLength("name", LengthRule.is(1)).errors()).isEmpty();
  }

  @Test
  void lengthCountsPlainAsciiByCharacterAndCrLfAsOneGrapheme() {
    // String.length("abc") == 3, String.length("a\r\nb") == 3, String.length("a\n\rb") == 4, String.length("e\u0301") == 1.
    assertThat(withName("abc").validateLength("name", LengthRule.is(3)).errors()).isEmpty();
    assertThat(withName("a\r\nb").validateLength("name", LengthRule.is(3)).errors()).isEmpty();
    assertThat(withName("a\n\rb").validateLength("name", LengthRule.is(4)).errors()).isEmpty();
    assertThat(withName("e\u0301").validateLength("name", LengthRule.is(1)).errors()).isEmpty();
  }

  @Test
  void lengthOfBinariesCountsBytes() {
    Changeset<User> cs = Changeset.change(NEW).putChange("avatar", new byte[] {1, 2, 3});

    assertThat(cs.validateLength("avatar", LengthRule.is(4)).errors())
        .containsExactly(length("avatar", "should be %{count} byte(s)", "is", 4, "binary"));
    assertThat(cs.validateLength("avatar", LengthRule.min(4)).errors())
        .containsExactly(length("avatar", "should be at least %{count} byte(s)", "min", 4, "binary"));
    assertThat(cs.validateLength("avatar", LengthRule.max(2)).errors())
        .containsExactly(length("avatar", "should be at most %{count} byte(s)", "max", 2, "binary"));
    assertThat(cs.validateLength("avatar", LengthRule.is(3)).isValid()).isTrue();
  }

  @Test
  void lengthOfListsCountsItems() {
    Changeset<Map<String, Object>> cs = Changeset.schemaless(LIST_TYPES)
        .cast(Map.of("tags", List.of("a", "b", "c")), "tags");

    assertThat(cs.validateLength("tags", LengthRule.is(2)).errors())
        .containsExactly(length("tags", "should have %{count} item(s)", "is", 2, "list"));
    assertThat(cs.validateLength("tags", LengthRule.min(4)).errors())
        .containsExactly(length("tags", "should have at least %{count} item(s)", "min", 4, "list"));
    assertThat(cs.validateLength("tags", LengthRule.max(2)).errors())
        .containsExactly(length("tags", "should have at most %{count} item(s)", "max", 2, "list"));
    assertThat(cs.validateLength("tags", LengthRule.between(1, 3)).isValid()).isTrue();
    assertThat(cs.validateLength("tags", LengthRule.max(2)).errorsByField())
        .isEqualTo(Map.of("tags", List.of("should have at most 2 item(s)")));
  }

  @Test
  void lengthTakesACustomMessageWithTheCountPlaceholder() {
    Changeset<User> cs = Changeset.change(NEW).putChange("password", "short")
        .validateLength("password", LengthRule.min(8).message("needs %{count} characters or more"));

    assertThat(cs.errors()).containsExactly(
        length("password", "needs %{count} characters or more", "min", 8, "string"));
    assertThat(cs.errorsByField()).isEqualTo(Map.of("password", List.of("needs 8 characters or more")));
  }

  @Test
  void lengthRuleNeedsABound() {
    assertThatThrownBy(() -> new LengthRule(null, null, null, LengthRule.Count.GRAPHEMES, null))
        .isInstanceOf(ArgumentException.class);
  }

  // ---------------------------------------------------------------- validate_number

  @Test
  void numberHasEctosMessageAndMetadataForEachComparison() {
    assertThat(ageErrors(18, NumberRule.lessThan(18)))
        .containsExactly(number("must be less than %{number}", "less_than", 18));
    assertThat(ageErrors(18, NumberRule.greaterThan(18)))
        .containsExactly(number("must be greater than %{number}", "greater_than", 18));
    assertThat(ageErrors(18, NumberRule.lessThanOrEqualTo(17)))
        .containsExactly(number("must be less than or equal to %{number}", "less_than_or_equal_to", 17));
    assertThat(ageErrors(18, NumberRule.greaterThanOrEqualTo(19)))
        .containsExactly(number("must be greater than or equal to %{number}", "greater_than_or_equal_to", 19));
    assertThat(ageErrors(18, NumberRule.equalTo(42)))
        .containsExactly(number("must be equal to %{number}", "equal_to", 42));
    assertThat(ageErrors(18, NumberRule.notEqualTo(18)))
        .containsExactly(number("must be not equal to %{number}", "not_equal_to", 18));
  }

  @Test
  void numberPassesWhenEachComparisonHolds() {
    assertThat(ageErrors(18, NumberRule.lessThan(19), NumberRule.greaterThan(17), NumberRule.lessThanOrEqualTo(18),
        NumberRule.greaterThanOrEqualTo(18), NumberRule.equalTo(18), NumberRule.notEqualTo(0))).isEmpty();
  }

  @Test
  void numberReportsOnlyTheFirstFailingRule() {
    assertThat(ageErrors(0, NumberRule.greaterThan(10), NumberRule.notEqualTo(0)))
        .containsExactly(number("must be greater than %{number}", "greater_than", 10));
    assertThat(ageErrors(0, NumberRule.notEqualTo(0), NumberRule.greaterThan(10)))
        .containsExactly(number("must be not equal to %{number}", "not_equal_to", 0));
    // validate_number(changeset, :pi, greater_than: 3, less_than: 4)
    assertThat(ageErrors(5, NumberRule.greaterThan(3), NumberRule.lessThan(4)))
        .containsExactly(number("must be less than %{number}", "less_than", 4));
  }

  @Test
  void numberComparesDecimalsAndIntegersByValue() {
    Changeset<User> cs = Changeset.cast(NEW, Map.of("balance", "10.50"), "balance");

    assertThat(cs.validateNumber("balance", NumberRule.greaterThan(10), NumberRule.equalTo(new BigDecimal("10.5")),
        NumberRule.lessThan(11L)).isValid()).isTrue();
    assertThat(cs.validateNumber("balance", NumberRule.lessThan(new BigDecimal("10.5"))).errors())
        .containsExactly(new ChangesetError("balance", "must be less than %{number}",
            Map.of("validation", "number", "kind", "less_than", "number", new BigDecimal("10.5"))));
    assertThat(cs.validateNumber("balance", NumberRule.lessThanOrEqualTo(10)).errorsByField())
        .isEqualTo(Map.of("balance", List.of("must be less than or equal to 10")));
    assertThat(ageErrors(18, NumberRule.greaterThanOrEqualTo(new BigDecimal("17.5")), NumberRule.equalTo(18L),
        NumberRule.lessThan(18.5))).isEmpty();
  }

  @Test
  void numberTakesACustomMessageWithTheNumberPlaceholder() {
    Changeset<User> cs = Changeset.change(NEW).putChange("age", 3)
        .validateNumber("age", NumberRule.greaterThan(3), NumberRule.lessThan(4).message("must be about %{number}"));
    assertThat(cs.errors()).containsExactly(number("must be greater than %{number}", "greater_than", 3));

    Changeset<User> custom = Changeset.change(NEW).putChange("age", 5)
        .validateNumber("age", NumberRule.lessThan(4).message("must be about %{number}"));
    assertThat(custom.errors()).containsExactly(number("must be about %{number}", "less_than", 4));
    assertThat(custom.errorsByField()).isEqualTo(Map.of("age", List.of("must be about 4")));
  }

  // ---------------------------------------------------------------- inclusion / exclusion / subset

  @Test
  void inclusionRequiresTheChangeToBeOneOfTheValues() {
    List<String> roles = List.of("admin", "member");
    Changeset<User> cs = Changeset.cast(NEW, Map.of("role", "root"), "role");

    assertThat(cs.validateInclusion("role", roles).errors())
        .containsExactly(new ChangesetError("role", "is invalid", Map.of("validation", "inclusion", "enum", roles)));
    assertThat(cs.validateInclusion("role", roles, "is not a role").errorsByField())
        .isEqualTo(Map.of("role", List.of("is not a role")));
    assertThat(Changeset.cast(NEW, Map.of("role", "admin"), "role").validateInclusion("role", roles).isValid()).isTrue();
    assertThat(cs.validateInclusion("role", roles).validations())
        .containsExactly(new Validation("role", "inclusion", Map.of("enum", roles)));
  }

  @Test
  void inclusionComparesNumbersByValue() {
    Changeset<User> cs = Changeset.cast(NEW, Map.of("age", "42"), "age");

    assertThat(cs.validateInclusion("age", List.of(18, 42)).isValid()).isTrue();
    assertThat(cs.validateInclusion("age", List.of(42L)).isValid()).isTrue();
    assertThat(cs.validateInclusion("age", IntStream.rangeClosed(0, 40).boxed().toList()).errorsByField())
        .isEqualTo(Map.of("age", List.of("is invalid")));
  }

  @Test
  void exclusionRejectsReservedValues() {
    // validate_exclusion(changeset, :name, ~w(admin superadmin))
    List<String> reserved = List.of("admin", "superadmin");

    assertThat(withName("admin").validateExclusion("name", reserved).errors())
        .containsExactly(new ChangesetError("name", "is reserved", Map.of("validation", "exclusion", "enum", reserved)));
    assertThat(withName("mary").validateExclusion("name", reserved).isValid()).isTrue();
    assertThat(withName("admin").validateExclusion("name", reserved, "is taken by the system").errorsByField())
        .isEqualTo(Map.of("name", List.of("is taken by the system")));
    assertThat(withName("mary").validateExclusion("name", reserved).validations())
        .containsExactly(new Validation("name", "exclusion", Map.of("enum", reserved)));
  }

  @Test
  void subsetRequiresEveryElementToBeAllowed() {
    // validate_subset(changeset, :pets, ["cat", "dog", "parrot"])
    List<String> pets = List.of("cat", "dog", "parrot");
    Changeset<Map<String, Object>> base = Changeset.schemaless(LIST_TYPES);

    assertThat(base.cast(Map.of("pets", List.of("cat", "dog")), "pets").validateSubset("pets", pets).isValid()).isTrue();
    assertThat(base.cast(Map.of("pets", List.of()), "pets").validateSubset("pets", pets).isValid()).isTrue();
    assertThat(base.cast(Map.of("pets", List.of("cat", "lion")), "pets").validateSubset("pets", pets).errors())
        .containsExactly(new ChangesetError("pets", "has an invalid entry", Map.of("validation", "subset", "enum", pets)));
    assertThat(base.cast(Map.of("pets", List.of("lion")), "pets").validateSubset("pets", pets, "has an unknown pet")
        .errorsByField()).isEqualTo(Map.of("pets", List.of("has an unknown pet")));

    // validate_subset(changeset, :lottery_numbers, 0..99)
    List<Integer> lottery = IntStream.rangeClosed(0, 99).boxed().toList();
    assertThat(base.cast(Map.of("numbers", List.of(7, 42)), "numbers").validateSubset("numbers", lottery).isValid()).isTrue();
    assertThat(base.cast(Map.of("numbers", List.of(7, 142)), "numbers").validateSubset("numbers", lottery).isValid())
        .isFalse();
    assertThat(base.validateSubset("pets", pets).validations())
        .containsExactly(new Validation("pets", "subset", Map.of("enum", pets)));
  }

  // ---------------------------------------------------------------- validate_acceptance

  @Test
  void acceptanceAcceptsTrueParameters() {
    for (Object accepted : List.of("true", "1", Boolean.TRUE)) {
      Changeset<User> cs = Changeset.cast(NEW, Map.of("termsOfService", accepted), "name")
          .validateAcceptance("termsOfService");
      assertThat(cs.isValid()).as("%s is accepted", accepted).isTrue();
    }
  }

  @Test
  void acceptanceRejectsOtherValuesWithMustBeAccepted() {
    Changeset<User> cs = Changeset.cast(NEW, Map.of("termsOfService", "false"), "name")
        .validateAcceptance("termsOfService");

    assertThat(cs.errors()).containsExactly(
        new ChangesetError("termsOfService", "must be accepted", Map.of("validation", "acceptance")));
    assertThat(cs.validations()).containsExactly(new Validation("termsOfService", "acceptance", Map.of()));
    assertThat(Changeset.cast(NEW, Map.of("termsOfService", "other"), "name").validateAcceptance("termsOfService")
        .isValid()).isFalse();
    // validate_acceptance(changeset, :rules, message: "please accept rules")
    assertThat(Changeset.cast(NEW, Map.of("rules", "false"), "name").validateAcceptance("rules", "please accept rules")
        .errorsByField()).isEqualTo(Map.of("rules", List.of("please accept rules")));
  }

  @Test
  void acceptanceIsNotCheckedOnAChangesetThatWasNeverCast() {
    assertThat(Changeset.change(NEW).validateAcceptance("termsOfService").isValid()).isTrue();
  }

  @Test
  void acceptanceOfAParameterThatWasNotGivenIsAnError() {
    // Ecto: "Validates the given parameter is true." A cast changeset without the parameter fails
    // (Ecto's own test: changeset(%{}) |> validate_acceptance(:terms_of_service) is invalid).
    Changeset<User> cs = Changeset.cast(NEW, Map.of("name", "Ann"), "name").validateAcceptance("termsOfService");

    assertThat(cs.errors()).containsExactly(
        new ChangesetError("termsOfService", "must be accepted", Map.of("validation", "acceptance")));
  }

  // ---------------------------------------------------------------- validate_confirmation

  @Test
  void confirmationAddsAnErrorToTheConfirmationFieldOnMismatch() {
    Changeset<User> cs = Changeset.cast(NEW, Map.of("password", "secret", "passwordConfirmation", "secrets"), "password")
        .validateConfirmation("password");

    assertThat(cs.errors()).containsExactly(new ChangesetError("passwordConfirmation", "does not match confirmation",
        Map.of("validation", "confirmation")));
    assertThat(cs.errorsOn("password")).isEmpty();
    assertThat(cs.validations()).containsExactly(new Validation("password", "confirmation", Map.of()));

    assertThat(Changeset.cast(NEW, Map.of("password", "secret", "passwordConfirmation", "secret"), "password")
        .validateConfirmation("password").isValid()).isTrue();
  }

  @Test
  void confirmationOfANullParameterIsAMismatch() {
    Map<String, Object> params = new HashMap<>();
    params.put("password", "secret");
    params.put("passwordConfirmation", null);

    assertThat(Changeset.cast(NEW, params, "password").validateConfirmation("password").errorsByField())
        .isEqualTo(Map.of("passwordConfirmation", List.of("does not match confirmation")));
  }

  @Test
  void aMissingConfirmationIsFineUnlessRequired() {
    Changeset<User> cs = Changeset.cast(NEW, Map.of("password", "secret"), "password");

    assertThat(cs.validateConfirmation("password").isValid()).isTrue();
    assertThat(cs.validateConfirmation("password", true, "does not match confirmation").errors())
        .containsExactly(new ChangesetError("passwordConfirmation", "can't be blank", Map.of("validation", "required")));
  }

  @Test
  void confirmationTakesACustomMessageAndComparesCastValues() {
    // validate_confirmation(changeset, :password, message: "does not match password")
    assertThat(Changeset.cast(NEW, Map.of("password", "a", "passwordConfirmation", "b"), "password")
        .validateConfirmation("password", false, "does not match password").errors())
        .containsExactly(new ChangesetError("passwordConfirmation", "does not match password",
            Map.of("validation", "confirmation")));
    assertThat(Changeset.cast(NEW, Map.of("age", "42", "ageConfirmation", "42"), "age")
        .validateConfirmation("age").isValid()).isTrue();
  }

  @Test
  void confirmationComparesTheParametersEvenWhenTheFieldDidNotChange() {
    // Ecto: "this validation will check if both "email" and "email_confirmation" in the parameter
    // map matches. Note this validation only looks at the parameters themselves, never the fields
    // in the schema." ANN's password is already "secret", so casting it again is no change.
    Changeset<User> sameAsData = Changeset.cast(ANN,
        Map.of("password", "secret", "passwordConfirmation", "typo"), "password").validateConfirmation("password");
    assertThat(sameAsData.errors()).containsExactly(new ChangesetError("passwordConfirmation",
        "does not match confirmation", Map.of("validation", "confirmation")));

    // Ecto's test "with missing change": only the confirmation is given.
    Changeset<User> onlyConfirmation = Changeset.cast(NEW, Map.of("passwordConfirmation", "password"), "password")
        .validateConfirmation("password");
    assertThat(onlyConfirmation.isValid()).isFalse();
  }

  // ---------------------------------------------------------------- validate_change

  @Test
  void validateChangeAddsTheErrorsTheValidatorReturns() {
    // validate_change changeset, :title, fn :title, title -> if title == "foo", do: [title: "cannot be foo"] ...
    Changeset<User> cs = withName("foo").validateChange("name", (field, value) -> "foo".equals(value)
        ? List.of(new ChangesetError(field, "cannot be foo", Map.of()))
        : List.of());
    assertThat(cs.errors()).containsExactly(new ChangesetError("name", "cannot be foo", Map.of()));
    assertThat(cs.isValid()).isFalse();
    assertThat(cs.validations()).as("the 3-argument form records nothing").isEmpty();

    Changeset<User> info = withName("foo").validateChange("name", (field, value) ->
        List.of(new ChangesetError(field, "cannot be foo", Map.of("additional", "info"))));
    assertThat(info.errors()).containsExactly(new ChangesetError("name", "cannot be foo", Map.of("additional", "info")));

    assertThat(withName("bar").validateChange("name", (f, v) -> List.of()).isValid()).isTrue();
  }

  @Test
  void validateChangeRunsOnlyOnANonNullChange() {
    AtomicInteger calls = new AtomicInteger();
    Changeset<User> unchanged = Changeset.change(ANN);
    Changeset<User> toNull = Changeset.change(ANN).putChange("name", null);

    assertThat(unchanged.validateChange("name", (f, v) -> {
      calls.incrementAndGet();
      return List.of(new ChangesetError(f, "boom", Map.of()));
    }).isValid()).isTrue();
    assertThat(toNull.validateChange("name", (f, v) -> {
      calls.incrementAndGet();
      return List.of(new ChangesetError(f, "boom", Map.of()));
    }).isValid()).isTrue();
    assertThat(calls).hasValue(0);

    assertThat(withName("x").validateChange("name", (f, v) -> {
      calls.incrementAndGet();
      assertThat(f).isEqualTo("name");
      assertThat(v).isEqualTo("x");
      return List.of();
    }).isValid()).isTrue();
    assertThat(calls).hasValue(1);
    assertThatThrownBy(() -> Changeset.change(ANN).validateChange("nope", (f, v) -> List.of()))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("'nope'");
  }

  @Test
  void validateChangeWithAKindRecordsTheValidation() {
    // validate_change changeset, :title, :useless_validator, fn _, _ -> [] end; changeset.validations
    Changeset<User> cs = withName("foo").validateChange("name", "useless_validator", Map.of(), (f, v) -> List.of());
    assertThat(cs.validations()).containsExactly(new Validation("name", "useless_validator", Map.of()));
    assertThat(cs.isValid()).isTrue();

    assertThat(Changeset.change(ANN).validateChange("name", "isbn", Map.of("strict", true), (f, v) -> List.of())
        .validations()).as("recorded even without a change")
        .containsExactly(new Validation("name", "isbn", Map.of("strict", true)));
  }

  // ---------------------------------------------------------------- only changes are validated

  @Test
  void validationsOnlyLookAtChangesExceptRequired() {
    User bad = new User(1L, "x", "no-at-sign", 5, new BigDecimal("-1"), "root", "p", new byte[0]);

    Changeset<User> cs = Changeset.cast(bad, Map.of("name", "x", "age", "5"), "name", "age")
        .validateLength("name", LengthRule.min(3))
        .validateFormat("email", Pattern.compile("@"))
        .validateNumber("age", NumberRule.greaterThanOrEqualTo(18))
        .validateNumber("balance", NumberRule.greaterThan(0))
        .validateInclusion("role", List.of("admin", "member"))
        .validateExclusion("name", List.of("x"))
        .validateLength("avatar", LengthRule.min(1))
        .validateConfirmation("password")
        .validateRequired("name", "email");

    assertThat(cs.changes()).as("values equal to the data are no changes").isEmpty();
    assertThat(cs.errors()).isEmpty();
    assertThat(cs.validateRequired("id").isValid()).isTrue();

    Changeset<User> changed = Changeset.cast(bad, Map.of("name", "y"), "name")
        .validateLength("name", LengthRule.min(3))
        .validateFormat("email", Pattern.compile("@"));
    assertThat(changed.errors()).extracting(ChangesetError::field).containsExactly("name");
  }

  @Test
  void validationsSkipAChangeToNull() {
    Changeset<User> cs = Changeset.cast(ANN, Map.of("name", "", "age", ""), "name", "age")
        .validateLength("name", LengthRule.min(3))
        .validateFormat("name", Pattern.compile("@"))
        .validateInclusion("name", List.of("Ann"))
        .validateNumber("age", NumberRule.greaterThan(0));

    assertThat(cs.changes()).containsKeys("name", "age");
    assertThat(cs.errors()).isEmpty();
  }

  // ---------------------------------------------------------------- validations/1

  @Test
  void validationsRecordEachKindWithItsOptions() {
    Changeset<User> cs = Changeset.change(NEW)
        .validateLength("name", LengthRule.between(3, 30))
        .validateFormat("email", Pattern.compile("@"))
        .validateNumber("age", NumberRule.greaterThan(0), NumberRule.lessThan(150))
        .validateInclusion("role", List.of("admin", "member"))
        .validateExclusion("name", List.of("admin"))
        .validateConfirmation("password")
        .validateAcceptance("termsOfService")
        .validateRequired("email");

    assertThat(cs.validations()).extracting(Validation::field, Validation::kind).containsExactlyInAnyOrder(
        tuple("name", "length"), tuple("email", "format"), tuple("age", "number"), tuple("role", "inclusion"),
        tuple("name", "exclusion"), tuple("password", "confirmation"), tuple("termsOfService", "acceptance"));
    assertThat(options(cs, "length")).containsEntry("min", 3).containsEntry("max", 30);
    assertThat(options(cs, "format")).isEqualTo(Map.of("format", "@"));
    assertThat(options(cs, "number")).isEqualTo(Map.of("greater_than", 0, "less_than", 150));
    assertThat(options(cs, "inclusion")).isEqualTo(Map.of("enum", List.of("admin", "member")));
    assertThat(options(cs, "exclusion")).isEqualTo(Map.of("enum", List.of("admin")));
    assertThat(cs.required()).containsExactly("email");
  }

  private static Map<String, Object> options(Changeset<?> cs, String kind) {
    return cs.validations().stream().filter(v -> v.kind().equals(kind)).findFirst().orElseThrow().options();
  }

  @Test
  void validationsOfEctosExampleAreListedMostRecentFirst() {
    // %Post{} |> change() |> validate_format(:title, ~r/^\w+:\s/, message: "must start with a topic")
    //   |> validate_length(:title, max: 100) |> validations()
    // #=> [title: {:length, [max: 100]}, title: {:format, ~r/^\w+:\s/}]
    Changeset<User> cs = Changeset.change(NEW)
        .validateFormat("name", Pattern.compile("^\\w+:\\s"), "must start with a topic")
        .validateLength("name", LengthRule.max(100));

    assertThat(cs.validations()).extracting(Validation::kind).containsExactly("length", "format");
  }

  @Test
  void aLengthValidationRecordsOnlyTheOptionsGiven() {
    // Ecto: validate_length(:title, max: 100) is recorded as {:length, [max: 100]};
    // Flecto's Validation javadoc: validateLength("name", LengthRule.min(3)) -> options={min=3}.
    assertThat(Changeset.change(NEW).validateLength("name", LengthRule.max(100)).validations())
        .containsExactly(new Validation("name", "length", Map.of("max", 100)));
    assertThat(Changeset.change(NEW).validateLength("name", LengthRule.min(3)).validations())
        .containsExactly(new Validation("name", "length", Map.of("min", 3)));
  }

  // ---------------------------------------------------------------- traverse_errors

  @Test
  void traverseErrorsFormatsEveryErrorByField() {
    Changeset<User> cs = Changeset.cast(NEW, Map.of("name", "Al", "age", "x"), "name", "age")
        .validateLength("name", LengthRule.min(3))
        .validateRequired("email")
        .addError("name", "is taken");

    assertThat(cs.traverseErrors(e -> e.field() + ":" + e.keys().getOrDefault("validation", "none"))).isEqualTo(Map.of(
        "age", List.of("age:cast"),
        "name", List.of("name:none", "name:length"), // Ecto's traverse_errors: a field's newest error first
        "email", List.of("email:required")));

    // Ecto's example formatter: Regex.replace(~r"%{(\w+)}", msg, fn _, key -> opts[key] end)
    Pattern placeholder = Pattern.compile("%\\{(\\w+)}");
    assertThat(cs.traverseErrors(e -> placeholder.matcher(e.message())
        .replaceAll(m -> String.valueOf(e.keys().getOrDefault(m.group(1), m.group(1)))))).isEqualTo(Map.of(
        "age", List.of("is invalid"),
        "name", List.of("is taken", "should be at least 3 character(s)"),
        "email", List.of("can't be blank")));

    assertThat(cs.errorsByField()).isEqualTo(Map.of(
        "age", List.of("is invalid"),
        "name", List.of("is taken", "should be at least 3 character(s)"),
        "email", List.of("can't be blank")));
    assertThat(cs.errorsOn("name")).extracting(ChangesetError::message)
        .containsExactly("should be at least %{count} character(s)", "is taken");
    assertThat(Changeset.change(NEW).errorsByField()).isEmpty();
  }

  @Test
  void formattedFillsEveryPlaceholderFromTheKeys() {
    ChangesetError e = new ChangesetError("name", "between %{min} and %{max}, got %{count}",
        Map.of("min", 2, "max", 5, "count", 7));

    assertThat(e.formatted()).isEqualTo("between 2 and 5, got 7");
    assertThat(new ChangesetError("name", "no keys", Map.of()).formatted()).isEqualTo("no keys");
  }
}
