package dev.flecto.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.adapter.IsolationLevel;
import dev.flecto.adapter.TransactionOptions;
import org.junit.jupiter.api.Test;

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
}
