package dev.flecto.migration;

/** A command as Ecto's runner logs it ("create table posts"): {@link Command#describe()}. */
final class CommandText {
  private CommandText() {}

  static String describe(Command command) {
    if (command instanceof Command.CreateTable c) {
      return (c.ifNotExists() ? "create table if not exists " : "create table ") + qualified(c.table());
    } else if (command instanceof Command.AlterTable a) {
      return "alter table " + qualified(a.table());
    } else if (command instanceof Command.DropTable d) {
      return (d.ifExists() ? "drop table if exists " : "drop table ") + qualified(d.table());
    } else if (command instanceof Command.RenameTable r) {
      return "rename table " + qualified(r.table()) + " to " + r.newName();
    } else if (command instanceof Command.RenameColumn r) {
      return "rename column " + r.column() + " to " + r.newName() + " on table " + qualified(r.table());
    } else if (command instanceof Command.CreateIndex c) {
      return (c.ifNotExists() ? "create index if not exists " : "create index ") + c.index().name();
    } else if (command instanceof Command.DropIndex d) {
      return (d.ifExists() ? "drop index if exists " : "drop index ") + d.index().name();
    } else if (command instanceof Command.RenameIndex r) {
      return "rename index " + r.index().name() + " to " + r.newName();
    } else if (command instanceof Command.CreateConstraint c) {
      return "create constraint " + c.constraint().name() + " on table " + c.constraint().table();
    } else if (command instanceof Command.DropConstraint d) {
      return "drop constraint " + d.constraint().name() + " on table " + d.constraint().table();
    } else if (command instanceof Command.ValidateConstraint v) {
      return "validate constraint " + v.constraint().name() + " on table " + v.constraint().table();
    } else if (command instanceof Command.CreatePrefix p) {
      return "create prefix " + p.prefix();
    } else if (command instanceof Command.DropPrefix p) {
      return "drop prefix " + p.prefix();
    }
    return String.valueOf(command);
  }

  private static String qualified(Table table) {
    return table.prefix() != null ? table.prefix() + "." + table.name() : table.name();
  }
}
