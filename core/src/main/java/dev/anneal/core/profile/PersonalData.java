package dev.anneal.core.profile;

import dev.anneal.core.data.Numbers;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Kinds of personal data a column can hold, recognised from its values (e-mail addresses, phone
 * numbers, payment-card numbers, IP addresses) or from its name (names of people). A profile never
 * shows the values of such a column, and a plan proposes to drop or hash it.
 */
public enum PersonalData {
    EMAIL("e-mail addresses"),
    PHONE("phone numbers"),
    CARD("payment-card numbers"),
    IP_ADDRESS("IP addresses"),
    PERSON_NAME("names of people");

    private static final Pattern EMAIL_PATTERN =
            Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    /** Digits with the separators phone numbers are written with; the digit count is checked apart. */
    private static final Pattern PHONE_PATTERN = Pattern.compile("\\+?\\(?[0-9][0-9 ().-]{5,20}[0-9]");
    private static final Pattern CARD_PATTERN = Pattern.compile("[0-9]{4}([ -]?[0-9]{2,4}){2,4}[0-9]?");
    private static final Pattern IPV4_PATTERN =
            Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");
    private static final Pattern IPV6_PATTERN = Pattern.compile("[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}");

    /** Dates written day first or month first (31.01.2024, 01/31/2024), which look like phone numbers. */
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile("[0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{2,4}");

    /** Words that, next to "name", make a column name a person's name. */
    private static final Set<String> PERSON_WORDS = Set.of("first", "last", "full", "given", "family", "middle",
            "maiden", "sur", "customer", "client", "patient", "person", "contact", "employee", "owner", "user",
            "member", "author", "reviewer", "profile", "account", "holder");

    private final String description;

    PersonalData(String description) {
        this.description = description;
    }

    /** What the kind is, in words for a report ("e-mail addresses"). */
    public String description() {
        return description;
    }

    /** The lower-case name used in profiles ({@code email}, {@code ip_address}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind of personal data {@code value} is, or {@code null}; cheap checks run before any pattern. */
    static PersonalData ofValue(String value) {
        int length = value.length();
        if (length < 7 || length > 64) {
            return null;
        }
        if (value.indexOf('@') > 0) {
            return EMAIL_PATTERN.matcher(value).matches() ? EMAIL : null;
        }
        if (value.indexOf(':') >= 0) {
            // an IPv6 address has at least three colons or a "::"; a time of day (12:30:45) has two
            boolean enoughGroups = value.contains("::") || value.chars().filter(c -> c == ':').count() >= 3;
            return enoughGroups && IPV6_PATTERN.matcher(value).matches() ? IP_ADDRESS : null;
        }
        int digits = 0;
        for (int i = 0; i < length; i++) {
            if (Character.isDigit(value.charAt(i))) {
                digits++;
            }
        }
        if (digits < 7) {
            return null;
        }
        if (IPV4_PATTERN.matcher(value).matches()) {
            return IP_ADDRESS;
        }
        if (digits >= 13 && digits <= 19 && CARD_PATTERN.matcher(value).matches() && passesLuhn(value)) {
            return CARD;
        }
        // a phone number is written with separators; a plain decimal (a coordinate, 42.054035) is a measurement
        boolean written = value.charAt(0) == '+' || value.indexOf(' ') > 0 || value.indexOf('-') > 0
                || value.indexOf('(') >= 0 || value.indexOf('.') > 0;
        if (written && digits <= 15 && Double.isNaN(Numbers.parse(value)) && !DAY_MONTH_YEAR.matcher(value).matches()
                && !isIsbn13(value) && PHONE_PATTERN.matcher(value).matches() && !looksLikeDate(value)) {
            return PHONE;
        }
        return null;
    }

    /** The kind of personal data a column of this name holds by its name alone, or {@code null}. */
    static PersonalData ofColumnName(String column) {
        List<String> words = ColumnNames.words(column);
        Set<String> whole = Set.of("surname", "firstname", "lastname", "fullname");
        boolean name = words.stream().anyMatch(word -> word.equals("name") || whole.contains(word));
        boolean person = words.stream().anyMatch(word -> PERSON_WORDS.contains(word) || whole.contains(word));
        boolean bareName = words.equals(List.of("name"));
        return name && (person || bareName) ? PERSON_NAME : null;
    }

    private static boolean looksLikeDate(String value) {
        return value.length() >= 10 && value.charAt(4) == '-' && value.charAt(7) == '-';
    }

    /** An ISBN-13 (978-3-16-148410-0): 978 or 979 first, and its check digit right. */
    private static boolean isIsbn13(String value) {
        String digits = value.replaceAll("[^0-9]", "");
        if (digits.length() != 13 || !(digits.startsWith("978") || digits.startsWith("979"))) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 13; i++) {
            sum += (digits.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return sum % 10 == 0;
    }

    private static boolean passesLuhn(String value) {
        int sum = 0;
        boolean twice = false;
        for (int i = value.length() - 1; i >= 0; i--) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int digit = c - '0';
            if (twice) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
