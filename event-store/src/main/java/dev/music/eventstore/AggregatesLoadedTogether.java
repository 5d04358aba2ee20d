package dev.music.eventstore;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The aggregates that the commands of one unit of work will load, declared before they are sent,
 * so that the event store can read the first events of all of them in one query instead of one
 * query each. Kept as a resource of the root unit of work; each aggregate's events are handed out
 * once, for its first load in that unit.
 */
public final class AggregatesLoadedTogether {

    private static final String RESOURCE = AggregatesLoadedTogether.class.getName();

    private final Set<String> aggregateIds;
    private Map<String, List<?>> events;

    private AggregatesLoadedTogether(Set<String> aggregateIds) {
        this.aggregateIds = aggregateIds;
    }

    /** Declares the aggregates a root unit of work's commands will load. */
    static void declare(UnitOfWork<?> rootUnitOfWork, Collection<String> aggregateIds) {
        rootUnitOfWork.resources().put(RESOURCE, new AggregatesLoadedTogether(Set.copyOf(aggregateIds)));
    }

    /**
     * The first events of an aggregate declared in this unit of work, reading those of all of them
     * with {@code readAll} on the first call (an aggregate without events gets an empty list);
     * null when the aggregate was not declared, or its events were already handed out.
     *
     * @param readAll the first events of each aggregate that has any, by aggregate id
     */
    @SuppressWarnings("unchecked")
    public static <E> List<E> firstEventsOf(
            UnitOfWork<?> unitOfWork, String aggregateId, Function<Collection<String>, Map<String, List<E>>> readAll) {
        AggregatesLoadedTogether together = unitOfWork.root().getResource(RESOURCE);
        if (together == null || !together.aggregateIds.contains(aggregateId)) {
            return null;
        }
        synchronized (together) {
            if (together.events == null) {
                together.events = new HashMap<>(readAll.apply(together.aggregateIds));
                together.aggregateIds.forEach(id -> together.events.putIfAbsent(id, List.of()));
            }
            return (List<E>) together.events.remove(aggregateId);
        }
    }
}
