package dev.music.command.rating;

/** The rater's account no longer exists: its tokens stop working at once. */
public class UnknownAccountException extends RuntimeException {

    public UnknownAccountException(long userId) {
        super("account " + userId + " does not exist", null, false, false);
    }
}
