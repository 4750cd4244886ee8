package io.github.nemosdk.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Rows of the suite's table. A benchmark run as a child JVM prints each row as one line starting with
 * {@value #PREFIX} and tab-separated cells; {@link BenchmarkSuite} collects them. Also small statistics helpers.
 */
final class Report {
    /** Marks a result line in a child's output. */
    static final String PREFIX = "ROW\t";

    private Report() {
    }

    /**
     * Prints one row.
     *
     * @param figure   what is measured, with its unit
     * @param sdk      the SDK's figure
     * @param baseline the baseline's figure, or "-"
     * @param ratio    SDK / baseline, or "-"
     * @param target   the target
     * @param pass     whether the target is met; null for information only
     */
    static void row(String figure, String sdk, String baseline, String ratio, String target, Boolean pass) {
        System.out.println(PREFIX + String.join("\t", figure, sdk, baseline, ratio, target,
                pass == null ? "info" : pass ? "pass" : "FAIL"));
        System.out.flush();
    }

    static String f1(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%,.1f", v);
    }

    static String f2(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%,.2f", v);
    }

    static String ratio(double r) {
        return Double.isNaN(r) || Double.isInfinite(r) ? "-" : String.format(Locale.ROOT, "%.2fx", r);
    }

    /** "median (min–max)" of per-round ratios, e.g. {@code 1.12x (1.05-1.20x)}. */
    static String spread(List<Double> ratios) {
        double[] a = ratios.stream().mapToDouble(Double::doubleValue).toArray();
        if (a.length == 0) {
            return "-";
        }
        Arrays.sort(a);
        return String.format(Locale.ROOT, "%.2fx (%.2f-%.2fx)", percentile(a.clone(), 50), a[0], a[a.length - 1]);
    }

    static double median(List<Double> values) {
        double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
        return percentile(a, 50);
    }

    /** The nearest-rank percentile of the values (sorted in place). */
    static double percentile(double[] a, double p) {
        if (a.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(a);
        int rank = (int) Math.ceil(p / 100.0 * a.length);
        return a[Math.max(0, Math.min(a.length - 1, rank - 1))];
    }
}
