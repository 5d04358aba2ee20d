package dev.music.command.account;

/** A signed-up user. */
public record Account(long id, String username, String passwordHash, Role role) {}
