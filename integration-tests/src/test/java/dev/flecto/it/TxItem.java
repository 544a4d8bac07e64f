package dev.flecto.it;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;

@Schema("tx_items")
public record TxItem(@Id Long id, String name) {
  static TxItem named(String name) {
    return new TxItem(null, name);
  }
}
