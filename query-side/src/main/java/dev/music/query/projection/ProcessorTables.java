package dev.music.query.projection;

/**
 * The tables of the projectors' own state, as the query side's migrations create them: where
 * each processor segment stands and who claims it, and the events parked as dead letters. Axon's
 * token store and dead-letter queue are configured with them; SQL names them through these only.
 */
public final class ProcessorTables {

    public static final String TOKENS = "token_entry";
    public static final String DEAD_LETTERS = "dead_letter_entry";

    private ProcessorTables() {}
}
