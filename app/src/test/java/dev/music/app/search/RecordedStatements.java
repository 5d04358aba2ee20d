package dev.music.app.search;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A data source that records the prepared statements run through it, with their bind values:
 * what the service sends, to be looked at as PostgreSQL sees it.
 */
final class RecordedStatements extends DelegatingDataSource {

    /** A statement and its bind values in parameter order. */
    record Statement(String sql, List<Object> args) {}

    private final List<Statement> statements = Collections.synchronizedList(new ArrayList<>());

    RecordedStatements(DataSource target) {
        super(target);
    }

    List<Statement> statements() {
        return List.copyOf(statements);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = super.getConnection();
        return proxy(Connection.class, connection, (method, args) -> {
            Object result = invoke(method, connection, args);
            return method.getName().equals("prepareStatement")
                    ? recording((PreparedStatement) result, (String) args[0])
                    : result;
        });
    }

    private PreparedStatement recording(PreparedStatement statement, String sql) {
        TreeMap<Integer, Object> values = new TreeMap<>();
        return proxy(PreparedStatement.class, statement, (method, args) -> {
            if (method.getName().startsWith("set")
                    && args != null
                    && args.length >= 2
                    && args[0] instanceof Integer index) {
                values.put(index, args[1]);
            }
            if (method.getName().startsWith("execute")) {
                statements.add(new Statement(sql, new ArrayList<>(values.values())));
            }
            return invoke(method, statement, args);
        });
    }

    private interface Handler {
        Object handle(Method method, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, Handler handler) {
        return (T) Proxy.newProxyInstance(
                type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> handler.handle(method, args));
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
