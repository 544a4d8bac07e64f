package dev.flecto.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * The report's PNG: for each workload (and variant) one horizontal bar per implementation, its
 * ratio to raw on a log scale with raw's 1.0 marked, drawn with Java2D so that a fresh machine
 * needs nothing but the JDK (headless).
 *
 * <pre>{@code Chart.write(Path.of("ratios.png"), report.rows(), "Ratio to raw"); }</pre>
 */
final class Chart {
  private static final int WIDTH = 1200;
  private static final int LABEL_WIDTH = 430;
  private static final int BAR = 13;
  private static final int GAP = 12;
  private static final int TOP = 70;
  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0x9467bd), new Color(0x8c564b),
    new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

  private Chart() {}

  /** Draws the rows' ratios into a PNG at {@code file}. */
  static void write(Path file, List<Report.Row> rows, String title) {
    System.setProperty("java.awt.headless", "true");
    Set<String> implementations = new LinkedHashSet<>();
    rows.forEach(r -> implementations.addAll(r.ratios().keySet()));
    List<String> order = new ArrayList<>();
    Report.LABELS.keySet().stream().filter(implementations::contains).forEach(order::add);
    implementations.stream().filter(i -> !order.contains(i)).forEach(order::add);

    double lo = 0.25;
    double hi = 2;
    for (Report.Row r : rows) {
      for (double v : r.ratios().values()) {
        if (!Double.isNaN(v) && v > 0) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    // Powers of two around every ratio, so that 1.0 (raw) is a grid line.
    int minExp = (int) Math.floor(Math.log(lo) / Math.log(2));
    int maxExp = (int) Math.ceil(Math.log(hi) / Math.log(2));

    int height = TOP + 40;
    for (Report.Row r : rows) {
      height += r.ratios().size() * BAR + GAP;
    }
    height += 40;
    BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, height);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
      g.drawString(title, 12, 22);

      // legend
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      int x = 12;
      for (int i = 0; i < order.size(); i++) {
        g.setColor(PALETTE[i % PALETTE.length]);
        g.fillRect(x, 34, 12, 12);
        g.setColor(Color.BLACK);
        String label = Report.label(order.get(i));
        g.drawString(label, x + 16, 45);
        x += 16 + g.getFontMetrics().stringWidth(label) + 18;
      }

      int plotLeft = LABEL_WIDTH;
      int plotRight = WIDTH - 70;
      int plotTop = TOP;
      int plotBottom = height - 50;
      // grid
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      for (int e = minExp; e <= maxExp; e++) {
        int gx = xOf(Math.pow(2, e), minExp, maxExp, plotLeft, plotRight);
        g.setColor(e == 0 ? Color.BLACK : new Color(0xdddddd));
        g.setStroke(new BasicStroke(e == 0 ? 2f : 1f));
        g.drawLine(gx, plotTop - 6, gx, plotBottom);
        g.setColor(Color.DARK_GRAY);
        String tick = e >= 0 ? String.valueOf((long) Math.pow(2, e)) : "1/" + (long) Math.pow(2, -e);
        g.drawString(tick + (e == 0 ? " = raw" : ""), gx - 8, plotBottom + 16);
      }
      g.setStroke(new BasicStroke(1f));

      int y = plotTop;
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      FontMetrics fm = g.getFontMetrics();
      for (Report.Row r : rows) {
        int block = r.ratios().size() * BAR;
        g.setColor(Color.BLACK);
        String label = fit(r.title(), fm, LABEL_WIDTH - 20);
        g.drawString(label, 10, y + block / 2 + 5);
        for (Map.Entry<String, Double> e : r.ratios().entrySet()) {
          Color c = PALETTE[order.indexOf(e.getKey()) % PALETTE.length];
          double v = e.getValue();
          if (Double.isNaN(v)) {
            g.setColor(Color.GRAY);
            g.drawString(Report.label(e.getKey()) + ": did not run", plotLeft + 4, y + BAR - 2);
          } else {
            int x0 = xOf(Math.pow(2, minExp), minExp, maxExp, plotLeft, plotRight);
            int x1 = xOf(v, minExp, maxExp, plotLeft, plotRight);
            g.setColor(c);
            g.fillRect(x0, y + 1, Math.max(1, x1 - x0), BAR - 2);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.2f", v), x1 + 4, y + BAR - 2);
          }
          y += BAR;
        }
        y += GAP;
        g.setColor(new Color(0xeeeeee));
        g.drawLine(10, y - GAP / 2, plotRight, y - GAP / 2);
      }
      ImageIO.write(image, "png", file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the chart " + file + ": " + e.getMessage(), e);
    } finally {
      g.dispose();
    }
  }

  private static int xOf(double ratio, int minExp, int maxExp, int left, int right) {
    double t = (Math.log(ratio) / Math.log(2) - minExp) / (maxExp - minExp);
    return left + (int) Math.round(t * (right - left));
  }

  private static String fit(String s, FontMetrics fm, int width) {
    if (fm.stringWidth(s) <= width) {
      return s;
    }
    String t = s;
    while (t.length() > 3 && fm.stringWidth(t + "...") > width) {
      t = t.substring(0, t.length() - 1);
    }
    return t + "...";
  }
}
