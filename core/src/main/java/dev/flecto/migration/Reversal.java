package dev.flecto.migration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Ecto's runner's {@code reverse}: each command's inverse, last first, or the first that has none. */
final class Reversal {
  private Reversal() {}

  static List<Command> reverse(List<Command> commands) {
    List<Command> inverted = new ArrayList<>(commands.size());
    for (Command command : commands) {
      inverted.add(inverse(command));
    }
    Collections.reverse(inverted);
    return List.copyOf(inverted);
  }

  private static IrreversibleMigrationException cannot(Object command, String why) {
    return new IrreversibleMigrationException("cannot reverse migration command: " + command + " (" + why + "); define "
        + "up() and down() in the migration instead of change()");
  }

  static Command inverse(Command command) {
    if (command instanceof Command.CreateTable c) {
      return new Command.DropTable(c.table(), c.ifNotExists(), false);
    } else if (command instanceof Command.RenameTable r) {
      return new Command.RenameTable(Migrations.tableLike(r.table(), r.newName()), r.table().name());
    } else if (command instanceof Command.RenameColumn r) {
      return new Command.RenameColumn(r.table(), r.newName(), r.column());
    } else if (command instanceof Command.CreateIndex c) {
      return new Command.DropIndex(c.index(), c.ifNotExists(), false);
    } else if (command instanceof Command.DropIndex d) {
      return new Command.CreateIndex(d.index(), d.ifExists());
    } else if (command instanceof Command.RenameIndex r) {
      return new Command.RenameIndex(r.index().name(r.newName()), r.index().name());
    } else if (command instanceof Command.CreateConstraint c) {
      return new Command.DropConstraint(c.constraint(), false);
    } else if (command instanceof Command.ValidateConstraint) {
      return new Command.Execute("SELECT 1", "SELECT 1"); // validating cannot be undone, and need not be
    } else if (command instanceof Command.Execute e) {
      if (e.down() == null) {
        throw cannot(e, "execute without the SQL that undoes it: execute(up, down)");
      }
      return new Command.Execute(e.down(), e.up());
    } else if (command instanceof Command.Run r) {
      if (r.down() == null) {
        throw cannot(r, "run without the code that undoes it");
      }
      return new Command.Run(r.description() + " (down)", r.down(), r.up());
    } else if (command instanceof Command.CreatePrefix p) {
      return new Command.DropPrefix(p.prefix(), p.ifNotExists(), false);
    } else if (command instanceof Command.AlterTable a) {
      List<TableChange> changes = new ArrayList<>();
      for (TableChange change : a.changes()) {
        if (change instanceof Timestamps t) {
          for (Column c : t.columns()) {
            changes.add(inverse(a, c)); // each removed with its type, so that is reversible again
          }
        } else {
          changes.add(inverse(a, change));
        }
      }
      Collections.reverse(changes);
      return new Command.AlterTable(a.table(), changes);
    }
    throw cannot(command, command instanceof Command.DropTable ? "drop table: its columns and rows are not known"
        : command instanceof Command.DropConstraint ? "drop constraint: its definition is not known"
        : "no inverse");
  }

  private static TableChange inverse(Command.AlterTable alter, TableChange change) {
    if (change instanceof TableChange.Remove r) {
      if (r.ifExists() || r.previous() == null) {
        throw cannot(alter.table() + " " + r, r.ifExists() ? "remove_if_exists" : "remove without the column's type");
      }
      return r.previous().as(Column.Kind.ADD).nameAs(r.name());
    }
    Column c = (Column) change;
    return switch (c.kind()) {
      case ADD -> new TableChange.Remove(c.name(), c, false);
      case ADD_IF_NOT_EXISTS -> throw cannot(alter.table() + " add_if_not_exists " + c, "add_if_not_exists");
      case MODIFY -> {
        if (c.from() == null) {
          throw cannot(alter.table() + " modify " + c, "modify without from");
        }
        yield c.from().nameAs(c.name()).as(Column.Kind.MODIFY).from(c.withoutFrom());
      }
    };
  }
}
