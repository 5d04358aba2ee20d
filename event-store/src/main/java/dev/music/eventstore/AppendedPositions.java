package dev.music.eventstore;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The global positions the event store gave the events appended by one unit of work, the newest
 * per aggregate. Kept as a resource of the root unit of work, which is where Axon appends a
 * command's events (as it commits), whichever thread runs it.
 */
public final class AppendedPositions {

    private static final String RESOURCE = AppendedPositions.class.getName();

    private final Map<String, Long> newest = new ConcurrentHashMap<>();

    private AppendedPositions() {}

    /** Starts keeping the positions of what a root unit of work appends. */
    static AppendedPositions keptFor(UnitOfWork<?> rootUnitOfWork) {
        AppendedPositions positions = new AppendedPositions();
        rootUnitOfWork.resources().put(RESOURCE, positions);
        return positions;
    }

    /** The event store reports an event it appended in this unit of work; ignored where no one keeps them. */
    public static void report(UnitOfWork<?> unitOfWork, String aggregateId, long position) {
        AppendedPositions positions = unitOfWork.root().getResource(RESOURCE);
        if (positions != null && aggregateId != null) {
            positions.newest.merge(aggregateId, position, Math::max);
        }
    }

    OptionalLong newestOf(String aggregateId) {
        Long position = newest.get(aggregateId);
        return position == null ? OptionalLong.empty() : OptionalLong.of(position);
    }
}
