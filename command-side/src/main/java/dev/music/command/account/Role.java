package dev.music.command.account;

/** What an account may do: rate (USER), also read the rating history (AUDITOR), or everything (ADMIN). */
public enum Role {
    USER,
    AUDITOR,
    ADMIN
}
