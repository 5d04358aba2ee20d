package dev.music.eventstore;

/**
 * The event store's tables, as the command side's migrations create them: the command side
 * appends to them, the query side reads them (projections, audits, rebuilds), Axon's storage
 * engine is configured with them. The service's SQL names them through these constants only.
 */
public final class EventStoreTables {

    public static final String EVENTS = "domain_event_entry";
    public static final String SNAPSHOTS = "snapshot_event_entry";

    private EventStoreTables() {}
}
