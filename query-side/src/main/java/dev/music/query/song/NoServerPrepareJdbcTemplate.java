package dev.music.query.song;

import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGStatement;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Statements that are never server-prepared (the driver's {@code prepareThreshold} 0), so that
 * PostgreSQL plans each for its own arguments on every execution. After five runs
 * the driver turns a statement into a server-side prepared one, and PostgreSQL may then keep one
 * generic plan for it, blind to its arguments; for a search, the best plan for a title term that
 * matches half the catalog and for one that matches a dozen songs differ by orders of magnitude,
 * and planning costs far less than either.
 */
public final class NoServerPrepareJdbcTemplate extends JdbcTemplate {

    public NoServerPrepareJdbcTemplate(JdbcTemplate template) {
        super(template.getDataSource());
        setExceptionTranslator(template.getExceptionTranslator());
    }

    @Override
    protected void applyStatementSettings(Statement statement) throws SQLException {
        super.applyStatementSettings(statement);
        // Never server-prepared: each execution goes as an unnamed statement, planned with its values.
        statement.unwrap(PGStatement.class).setPrepareThreshold(0);
    }
}
