package dev.flecto.migration;

/**
 * Ecto's {@code --prefix}: a command's table, index or constraint that names no prefix gets the
 * run's. Raw SQL ({@code execute}) and code ({@code run}) are left as written; a reference with no
 * prefix follows its table's, so it follows too.
 */
final class Prefixes {
  private Prefixes() {}

  static Command apply(Command command, String prefix) {
    if (prefix == null) {
      return command;
    }
    if (command instanceof Command.CreateTable c) {
      return new Command.CreateTable(table(c.table(), prefix), c.columns(), c.ifNotExists());
    } else if (command instanceof Command.AlterTable a) {
      return new Command.AlterTable(table(a.table(), prefix), a.changes());
    } else if (command instanceof Command.DropTable d) {
      return new Command.DropTable(table(d.table(), prefix), d.ifExists(), d.cascade());
    } else if (command instanceof Command.RenameTable r) {
      return new Command.RenameTable(table(r.table(), prefix), r.newName());
    } else if (command instanceof Command.RenameColumn r) {
      return new Command.RenameColumn(table(r.table(), prefix), r.column(), r.newName());
    } else if (command instanceof Command.CreateIndex c) {
      return new Command.CreateIndex(index(c.index(), prefix), c.ifNotExists());
    } else if (command instanceof Command.DropIndex d) {
      return new Command.DropIndex(index(d.index(), prefix), d.ifExists(), d.cascade());
    } else if (command instanceof Command.RenameIndex r) {
      return new Command.RenameIndex(index(r.index(), prefix), r.newName());
    } else if (command instanceof Command.CreateConstraint c) {
      return new Command.CreateConstraint(constraint(c.constraint(), prefix));
    } else if (command instanceof Command.DropConstraint d) {
      return new Command.DropConstraint(constraint(d.constraint(), prefix), d.ifExists());
    } else if (command instanceof Command.ValidateConstraint v) {
      return new Command.ValidateConstraint(constraint(v.constraint(), prefix));
    }
    return command;
  }

  private static Table table(Table table, String prefix) {
    return table.prefix() == null ? table.prefix(prefix) : table;
  }

  private static Index index(Index index, String prefix) {
    return index.prefix() == null ? index.prefix(prefix) : index;
  }

  private static Constraint constraint(Constraint constraint, String prefix) {
    return constraint.prefix() == null ? constraint.prefix(prefix) : constraint;
  }
}
