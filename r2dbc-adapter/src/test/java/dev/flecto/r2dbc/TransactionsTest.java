package dev.flecto.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.adapter.IsolationLevel;
import dev.flecto.adapter.TransactionOptions;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Statement;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class TransactionsTest {
  @Test
  void beginCarriesTheIsolationAndReadOnlyInOneStatement() {
    TransactionOptions d = TransactionOptions.defaults();
    assertThat(Transactions.beginSql(d)).isEqualTo("BEGIN");
    assertThat(Transactions.beginSql(d.withReadOnly(true))).isEqualTo("BEGIN READ ONLY");
    assertThat(Transactions.beginSql(d.withIsolation(IsolationLevel.SERIALIZABLE)))
        .isEqualTo("BEGIN ISOLATION LEVEL SERIALIZABLE");
    assertThat(Transactions.beginSql(d.withIsolation(IsolationLevel.READ_UNCOMMITTED).withReadOnly(true)))
        .isEqualTo("BEGIN ISOLATION LEVEL READ UNCOMMITTED, READ ONLY");
    for (IsolationLevel level : IsolationLevel.values()) {
      assertThat(Transactions.beginSql(d.withIsolation(level))).isEqualTo("BEGIN ISOLATION LEVEL " + level.sql());
      assertThat(Transactions.beginSql(d.withIsolation(level).withReadOnly(true)))
          .isEqualTo("BEGIN ISOLATION LEVEL " + level.sql() + ", READ ONLY");
    }
    assertThat(Transactions.beginSql(d)).as("written once, not per transaction").isSameAs(Transactions.beginSql(d));
  }

  @Test
  void aPlainBeginGoesThroughTheDriverOnlyWhenTheDriverSeesTheConnectionIdle() {
    TransactionOptions d = TransactionOptions.defaults();
    List<String> asked = new ArrayList<>();
    assertThat(Flux.from(Transactions.beginStatement(connection(true, asked), Transactions.beginSql(d))).collectList()
        .block()).isEmpty();
    assertThat(asked).containsExactly("beginTransaction()");
    asked.clear();
    // The driver would skip its BEGIN here (it believes a transaction is open): sent as SQL, it queues behind.
    Transactions.beginStatement(connection(false, asked), Transactions.beginSql(d));
    assertThat(asked).containsExactly("createStatement(BEGIN)");
    asked.clear();
    Transactions.beginStatement(connection(true, asked), Transactions.beginSql(d.withReadOnly(true)));
    assertThat(asked).as("with options: as SQL, all in one statement").containsExactly("createStatement(BEGIN READ ONLY)");
  }

  /** A connection that says whether it is idle, and records the BEGIN asked of it (a statement answers nothing). */
  private static Connection connection(boolean idle, List<String> asked) {
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "isAutoCommit" -> idle;
          case "beginTransaction" -> {
            asked.add("beginTransaction()");
            yield Mono.empty();
          }
          case "createStatement" -> {
            asked.add("createStatement(" + args[0] + ")");
            yield Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {Statement.class},
                (st, m, a) -> m.getName().equals("execute") ? Flux.empty() : st);
          }
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }
}
