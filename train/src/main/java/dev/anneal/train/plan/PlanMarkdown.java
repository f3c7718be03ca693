package dev.anneal.train.plan;

import dev.anneal.core.profile.DataProfile;
import dev.anneal.core.profile.DataProfile.ColumnSummary;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Writes a {@link Plan} as {@code PLAN.md}: a summary, then one section per part of the plan (data
 * quality, features, split, models, metrics, deployment, privacy), each finding with the action the config
 * takes and what to check by hand. Values of personal-data columns are never written.
 */
final class PlanMarkdown {

    private final Plan plan;
    private final StringBuilder out = new StringBuilder();

    private PlanMarkdown(Plan plan) {
        this.plan = plan;
    }

    static String of(Plan plan, String generatedOn) {
        return new PlanMarkdown(plan).write(generatedOn);
    }

    private String write(String generatedOn) {
        DataProfile profile = plan.profile();
        line("# Project plan: " + plan.request().name());
        line("");
        line(String.format(Locale.ROOT, "Data %s: %,d rows × %d columns (%s). Target %s, task **%s**%s."
                        + " Proposed by `anneal plan` on %s; `config.yaml` beside this file runs it:"
                        + " `anneal train config.yaml`.",
                code(profile.file()), profile.rows(), profile.columns().size(), size(profile.bytes()),
                code(profile.target()), plan.task().configName(),
                plan.positive() == null ? "" : ", positive class " + code(plan.positive()), generatedOn));
        line("");
        line("**" + Finding.tally(plan.findings()) + ".** Errors would make the model or its test score"
                + " wrong; the config already acts on each finding as the table says, and the last column says what"
                + " a person should still check.");
        line("");
        dataSection();
        featureSection();
        splitSection();
        modelSection();
        metricSection();
        section(Finding.Section.DEPLOYMENT, "6");
        findingList(Finding.Section.DEPLOYMENT);
        privacySection();
        return out.toString();
    }

    private void dataSection() {
        section(Finding.Section.DATA, "1");
        DataProfile profile = plan.profile();
        DataProfile.TableSummary table = profile.table();
        line(String.format(Locale.ROOT, "%,d rows; %s exact duplicate rows; %s rows with conflicting labels; %d"
                        + " constant, %d near-constant and %d ID-like columns; %d highly correlated pairs; %d leakage"
                        + " suspects. Correlations, outliers and leakage were measured on %s.",
                profile.rows(), count(table.duplicateRows(), table.duplicatesEstimated()),
                count(table.conflictingRows(), table.duplicatesEstimated()), table.constantColumns().size(),
                table.nearConstantColumns().size(), table.idLikeColumns().size(), table.correlated().size(),
                table.leakage().size(), profile.sampleRows() == profile.rows() ? "every row"
                        : String.format(Locale.ROOT, "a uniform sample of %,d rows", profile.sampleRows())));
        line("");
        findingTable(Finding.Section.DATA);
        line("### Columns");
        line("");
        line("| column | type | why | missing | distinct | values |");
        line("|---|---|---|---|---|---|");
        for (ColumnSummary column : profile.columns()) {
            line("| " + code(column.name()) + " | " + column.type() + " | " + cell(column.reason()) + " | "
                    + ColumnChoices.percent(column.missingRate()) + " | " + (column.distinctExact() ? "" : "≈")
                    + String.format(Locale.ROOT, "%,d", column.distinct()) + " | " + cell(describe(column)) + " |");
        }
        line("");
    }

    private void featureSection() {
        section(Finding.Section.FEATURES, "2");
        line("Every transform is fitted on the training rows only and travels inside the exported bundle.");
        line("");
        line("| column | becomes | transform | reason |");
        line("|---|---|---|---|");
        for (Plan.ColumnPlan column : plan.columns()) {
            line("| " + code(column.name()) + " | " + column.role() + (column.role().equals("feature")
                    ? " (" + column.type() + ")" : "") + " | " + cell(column.transform()) + " | "
                    + cell(column.reason()) + " |");
        }
        line("");
        findingList(Finding.Section.FEATURES);
    }

    private void splitSection() {
        section(Finding.Section.SPLIT, "3");
        Plan.SplitPlan split = plan.split();
        line(String.format(Locale.ROOT, "**%s** split%s, train / validation / test = %s: %s.",
                split.method().configName(), split.column() == null ? "" : " on " + code(split.column()),
                split.ratios().stream().map(r -> String.format(Locale.ROOT, "%.0f %%", 100 * r))
                        .collect(Collectors.joining(" / ")), split.reason()));
        line("");
        line("The ratios follow the data's size: the validation and test splits must hold enough rows for a"
                + " steady metric, and beyond that every row is better spent on training.");
        if (split.folds() > 0) {
            line(String.format(Locale.ROOT, " With %,d rows one validation split is noisy: %d-fold"
                    + " cross-validation on train + validation would give steadier model choices (anneal trains on"
                    + " one split; repeat with other `split.seed` values to see the spread).",
                    plan.profile().rows(), split.folds()));
        }
        line("");
        findingTable(Finding.Section.SPLIT);
    }

    private void modelSection() {
        section(Finding.Section.MODELS, "4");
        line("| candidate | family | rough training time (2 cores) | why |");
        line("|---|---|---|---|");
        for (Plan.ModelPlan model : plan.models()) {
            line("| `" + model.name() + "` | " + model.type() + " | " + duration(model.seconds()) + " | "
                    + cell(model.reason()) + " |");
        }
        line("");
        if (plan.models().stream().noneMatch(m -> m.type().equals("mlp"))) {
            line("Deep families are left out: with fewer than " + ModelChoice.MIN_ROWS_DEEP
                    + " rows they rarely beat trees, and they cost more.");
            line("");
        }
        line("The winner is the candidate with the best validation " + plan.metric() + "; its test score is reported"
                + " once, honestly.");
        line("");
    }

    private void metricSection() {
        section(Finding.Section.METRICS, "5");
        findingList(Finding.Section.METRICS);
    }

    private void privacySection() {
        section(Finding.Section.PRIVACY, "7");
        if (plan.findings(Finding.Section.PRIVACY).isEmpty()) {
            line("No column looks like personal data (checked: e-mail addresses, phone numbers, payment-card numbers,"
                    + " IP addresses by value; names of people by column name).");
            line("");
            return;
        }
        line("These columns look like personal data. Their values appear nowhere in the profile, this plan or any"
                + " report.");
        line("");
        findingTable(Finding.Section.PRIVACY);
    }

    private void section(Finding.Section section, String number) {
        line("## " + number + ". " + section.title());
        line("");
    }

    /** The findings of {@code section} as a table, errors first. */
    private void findingTable(Finding.Section section) {
        List<Finding> findings = plan.findings(section).stream()
                .sorted(java.util.Comparator.comparing(Finding::severity)).toList();
        if (findings.isEmpty()) {
            line("No problems found here.");
            line("");
            return;
        }
        line("| severity | column | finding | action in config.yaml | check by hand |");
        line("|---|---|---|---|---|");
        for (Finding finding : findings) {
            line("| " + finding.severity().word() + " | " + (finding.column() == null ? "(table)"
                    : code(finding.column())) + " | " + cell(finding.message()) + " | "
                    + cell(finding.action()) + " | " + cell(finding.check()) + " |");
        }
        line("");
    }

    private void findingList(Finding.Section section) {
        for (Finding finding : plan.findings(section)) {
            StringBuilder item = new StringBuilder("- ");
            if (finding.column() != null) {
                item.append(code(finding.column())).append(": ");
            }
            item.append(inline(finding.message())).append('.');
            if (finding.action() != null) {
                item.append(" **Action:** ").append(inline(finding.action())).append('.');
            }
            if (finding.check() != null) {
                item.append(" **Check:** ").append(inline(finding.check())).append('.');
            }
            line(item.toString());
        }
        line("");
    }

    private static String describe(ColumnSummary column) {
        if (column.personalData() != null) {
            return "hidden: personal data";
        }
        if (column.numeric() != null) {
            DataProfile.NumericSummary n = column.numeric();
            return String.format(Locale.ROOT, "%s … %s, median %s, mean %s, std %s, skew %.1f", number(n.min()),
                    number(n.max()), number(n.quantiles().get("p50")), number(n.mean()), number(n.std()), n.skew());
        }
        if (column.date() != null) {
            return column.date().min() + " … " + column.date().max() + ", by " + column.date().granularity();
        }
        if (column.type().equals("text") && column.text() != null) {
            return String.format(Locale.ROOT, "%.0f characters, %.0f tokens on average (longest %,d characters)",
                    column.text().meanLength(), column.text().meanTokens(), column.text().maxLength());
        }
        if (column.topValues() != null && !column.topValues().isEmpty()) {
            return column.topValues().stream().limit(4)
                    .map(v -> v.value() + " (" + String.format(Locale.ROOT, "%,d", v.count()) + ")")
                    .collect(Collectors.joining(", ")) + (column.distinct() > 4 ? ", …" : "");
        }
        return "";
    }

    /** Four significant digits, without trailing zeros; scientific notation only for very large or small values. */
    private static String number(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        if (value != 0 && (Math.abs(value) >= 1e7 || Math.abs(value) < 1e-3)) {
            return String.format(Locale.ROOT, "%.3g", value);
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static String count(long count, boolean estimated) {
        return (estimated && count > 0 ? "about " : "") + String.format(Locale.ROOT, "%,d", count);
    }

    static String duration(double seconds) {
        if (seconds < 60) {
            return "under a minute";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "about %.0f minutes", Math.ceil(seconds / 60));
        }
        return String.format(Locale.ROOT, "about %.1f hours", seconds / 3600);
    }

    private static String size(long bytes) {
        return bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0)
                : String.format(Locale.ROOT, "%.1f kB", bytes / 1024.0);
    }

    /**
     * {@code text} as a code span: on one line, pipes escaped for tables, and fenced by more backticks than
     * it holds in a row, so that a backtick in a column name shows as itself.
     */
    private static String code(String text) {
        String flat = text.replaceAll("[\\r\\n]+", " ").replace("|", "\\|");
        int longest = 0;
        for (java.util.regex.Matcher run = java.util.regex.Pattern.compile("`+").matcher(flat); run.find();) {
            longest = Math.max(longest, run.group().length());
        }
        String fence = "`".repeat(longest + 1);
        String pad = longest > 0 ? " " : "";
        return fence + pad + flat + pad + fence;
    }

    /** Text for a table cell: no line breaks, pipes escaped, markup characters escaped. */
    private static String cell(String text) {
        return text == null ? "" : inline(text).replace("|", "\\|").replaceAll("[\\r\\n]+", " ");
    }

    /** Text from the data, with Markdown's emphasis and link characters escaped. */
    private static String inline(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\*_[]<>#`".indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
