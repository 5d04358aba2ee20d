package dev.music.command.rating;

/** The rater's account no longer exists: its tokens stop working at once. */
public final class UnknownAccountException extends RatingRefusedException {

    public UnknownAccountException(long userId) {
        super("account " + userId + " does not exist");
    }
}
