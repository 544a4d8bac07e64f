package dev.flecto.migration;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The classes of a package named {@code V<digits>_...}, from directories and jars of the class
 * path: read once, at startup, so no scanning library is needed.
 */
final class ClasspathMigrations {
  private ClasspathMigrations() {}

  static List<Class<? extends Migration>> find(String packageName) {
    String path = packageName.replace('.', '/');
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = ClasspathMigrations.class.getClassLoader();
    }
    Set<String> names = new LinkedHashSet<>();
    try {
      Enumeration<URL> roots = loader.getResources(path);
      while (roots.hasMoreElements()) {
        URL root = roots.nextElement();
        if ("file".equals(root.getProtocol())) {
          try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(root.toURI()), "V*.class")) {
            for (Path file : files) {
              names.add(file.getFileName().toString());
            }
          }
        } else if ("jar".equals(root.getProtocol())) {
          JarURLConnection connection = (JarURLConnection) root.openConnection();
          connection.setUseCaches(false);
          try (JarFile jar = connection.getJarFile()) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
              String entry = entries.nextElement().getName();
              if (entry.startsWith(path + "/V") && entry.endsWith(".class") && entry.indexOf('/', path.length() + 1) < 0) {
                names.add(entry.substring(path.length() + 1));
              }
            }
          }
        }
      }
    } catch (IOException | URISyntaxException e) {
      throw new MigrationException("cannot list the migrations of package " + packageName + ": " + e, e);
    }
    List<Class<? extends Migration>> classes = new ArrayList<>();
    for (String file : names) {
      String simple = file.substring(0, file.length() - ".class".length());
      if (!simple.matches("V\\d+_\\w+") || simple.contains("$")) {
        continue; // nested and helper classes
      }
      String className = packageName + "." + simple;
      Class<?> type;
      try {
        type = Class.forName(className, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        throw new MigrationException("cannot load migration class " + className + ": " + e, e);
      }
      if (!Migration.class.isAssignableFrom(type)) {
        throw new MigrationException("class " + className + " is named like a migration but does not implement "
            + Migration.class.getName());
      }
      classes.add(type.asSubclass(Migration.class));
    }
    return classes;
  }

}
