package dev.music.command.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a username and a password must be, with the earlier API's (Django's) messages word for
 * word.
 */
public final class AccountRules {

    public static final int MAX_USERNAME_LENGTH = 150;
    public static final int MIN_PASSWORD_LENGTH = 8;
    /** bcrypt reads at most 72 bytes of a password; a longer one is refused rather than cut. */
    public static final int MAX_PASSWORD_BYTES = 72;

    private static final Pattern USERNAME = Pattern.compile("[\\w.@+-]+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Set<String> COMMON_PASSWORDS = Set.of(
            "password",
            "password1",
            "password123",
            "12345678",
            "123456789",
            "1234567890",
            "qwertyuiop",
            "qwerty123",
            "iloveyou",
            "sunshine",
            "princess",
            "football",
            "baseball",
            "welcome1",
            "trustno1",
            "letmein1",
            "abc12345",
            "passw0rd",
            "superman",
            "whatever",
            "11111111",
            "00000000",
            "87654321",
            "asdfghjk",
            "starwars",
            "dragon12",
            "monkey12",
            "michael1",
            "computer",
            "internet",
            "musiclover",
            "music123");

    private AccountRules() {}

    public static List<String> usernameProblems(String username) {
        List<String> problems = new ArrayList<>();
        if (username.length() > MAX_USERNAME_LENGTH) {
            problems.add("Ensure this field has no more than " + MAX_USERNAME_LENGTH + " characters.");
        }
        if (!USERNAME.matcher(username).matches()) {
            problems.add(
                    "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.");
        }
        return problems;
    }

    public static List<String> passwordProblems(String password, String username) {
        List<String> problems = new ArrayList<>();
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            problems.add("This password is too long. It may contain at most " + MAX_PASSWORD_BYTES + " bytes (UTF-8).");
            return problems;
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null
                && !username.isEmpty()
                && (lower.contains(username.toLowerCase(Locale.ROOT))
                        || username.toLowerCase(Locale.ROOT).contains(lower))) {
            problems.add("The password is too similar to the username.");
        }
        if (password.length() < MIN_PASSWORD_LENGTH) {
            problems.add(
                    "This password is too short. It must contain at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
        if (COMMON_PASSWORDS.contains(lower)) {
            problems.add("This password is too common.");
        }
        if (password.chars().allMatch(Character::isDigit)) {
            problems.add("This password is entirely numeric.");
        }
        return problems;
    }
}
