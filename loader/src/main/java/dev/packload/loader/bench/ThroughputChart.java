package dev.packload.loader.bench;

import de.erichseifert.vectorgraphics2d.Processors;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The {@code --chart} picture: one bar per variant in three panels side by side (rows/s, MB/s, and statement latency
 * p50/p95/p99), under a header naming the data and the server. PNG, or SVG when the file name ends in {@code .svg}.
 */
public final class ThroughputChart {
    private static final int PANEL_WIDTH = 520;
    private static final int PANEL_HEIGHT = 420;
    private static final int HEADER_HEIGHT = 52;
    private static final Color BAR = new Color(0x1F, 0x77, 0xB4);
    private static final Color[] LATENCY = {new Color(0x9E, 0xCA, 0xE1), new Color(0x42, 0x92, 0xC6),
            new Color(0x08, 0x45, 0x94)};

    public enum Format { PNG, SVG }

    private ThroughputChart() {
    }

    /**
     * The format a file name asks for.
     *
     * @throws IllegalArgumentException for a name ending in neither .png nor .svg
     */
    public static Format formatOf(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return Format.PNG;
        }
        if (name.endsWith(".svg")) {
            return Format.SVG;
        }
        throw new IllegalArgumentException("--chart writes a .png or an .svg file, not " + file);
    }

    /**
     * Draws the chart.
     *
     * @param title    the header's first line
     * @param subtitle the header's second line
     * @param axis     what the variants vary ("threads"), or null when their labels say it all
     */
    public static void write(Path file, String title, String subtitle, String axis, List<BenchResult> results)
            throws IOException {
        Format format = formatOf(file);
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // no display needed to draw into an image
        }
        List<String> categories = results.stream()
                .map(r -> axis != null && r.label().indexOf('=') > 0 ? r.label().substring(r.label().indexOf('=') + 1)
                        : r.label())
                .toList();
        String xTitle = axis != null ? axis : "variant";
        List<CategoryChart> panels = List.of(
                bars("rows/s", xTitle, "rows per second", "#,##0", categories, results, BenchResult::rowsPerSecond),
                bars("MB/s", xTitle, "MB of rows per second", "#,##0.0", categories, results, BenchResult::mbPerSecond),
                latency(xTitle, categories, results));
        int width = PANEL_WIDTH * panels.size();
        int height = HEADER_HEIGHT + PANEL_HEIGHT;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (format == Format.PNG) {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            try {
                paint(g, panels, title, subtitle, width);
            } finally {
                g.dispose();
            }
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IOException("no PNG writer in this Java runtime");
            }
        } else {
            VectorGraphics2D g = new VectorGraphics2D();
            paint(g, panels, title, subtitle, width);
            try (OutputStream out = Files.newOutputStream(file)) {
                Processors.get("svg").getDocument(g.getCommands(), new PageSize(0, 0, width, height)).writeTo(out);
            }
        }
    }

    private static void paint(Graphics2D g, List<CategoryChart> panels, String title, String subtitle, int width) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, HEADER_HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, 14, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.DARK_GRAY);
        g.drawString(subtitle, 14, 42);
        for (int i = 0; i < panels.size(); i++) {
            Graphics2D panel = (Graphics2D) g.create(i * PANEL_WIDTH, HEADER_HEIGHT, PANEL_WIDTH, PANEL_HEIGHT);
            try {
                panels.get(i).paint(panel, PANEL_WIDTH, PANEL_HEIGHT);
            } finally {
                panel.dispose();
            }
        }
    }

    private static CategoryChart bars(String title, String xTitle, String yTitle, String pattern, List<String> categories,
                                      List<BenchResult> results, ToDoubleFunction<BenchResult> value) {
        CategoryChart chart = chart(title, xTitle, yTitle, pattern);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setSeriesColors(new Color[] {BAR});
        chart.addSeries(title, categories, results.stream().map(r -> (Number) value.applyAsDouble(r)).toList());
        return chart;
    }

    private static CategoryChart latency(String xTitle, List<String> categories, List<BenchResult> results) {
        double most = results.stream().mapToDouble(r -> r.statementLatency().p99Millis()).max().orElse(0);
        CategoryChart chart = chart("time per statement (ms)", xTitle, "milliseconds", most >= 10 ? "#,##0" : "#,##0.0#");
        chart.getStyler().setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setSeriesColors(LATENCY);
        chart.addSeries("p50", categories, results.stream().map(r -> (Number) r.statementLatency().p50Millis()).toList());
        chart.addSeries("p95", categories, results.stream().map(r -> (Number) r.statementLatency().p95Millis()).toList());
        chart.addSeries("p99", categories, results.stream().map(r -> (Number) r.statementLatency().p99Millis()).toList());
        return chart;
    }

    private static CategoryChart chart(String title, String xTitle, String yTitle, String pattern) {
        CategoryChart chart = new CategoryChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        var s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotGridVerticalLinesVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setYAxisMin(0.0);
        s.setYAxisDecimalPattern(pattern);
        s.setDecimalPattern(pattern);
        s.setLabelsVisible(true);
        s.setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setLabelsPosition(0.9);
        s.setChartPadding(12);
        return chart;
    }
}
