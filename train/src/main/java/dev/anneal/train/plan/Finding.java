package dev.anneal.train.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;

/**
 * One thing the plan found in the data or decided, with its reason: what it is, what the generated config
 * does about it, and what a person should still check by hand.
 *
 * @param column the column it is about, or {@code null} for the table
 * @param action what the config does, or {@code null} when nothing is done
 * @param check what to check by hand, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(Section section, Severity severity, String column, String message, String action,
        String check) {

    /** How many errors and warnings {@code findings} hold, in words: {@code "0 errors, 1 warning"}. */
    public static String tally(java.util.List<Finding> findings) {
        long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
        return errors + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning" : " warnings");
    }

    /** The plan's sections, in the order PLAN.md shows them. */
    public enum Section {
        DATA("Data requirements and quality"),
        FEATURES("Feature engineering"),
        SPLIT("Split strategy"),
        MODELS("Model selection"),
        METRICS("Evaluation metrics"),
        DEPLOYMENT("Deployment"),
        PRIVACY("Privacy");

        private final String title;

        Section(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** How much a finding matters: {@code error} would make the model wrong, {@code warning} may. */
    public enum Severity {
        ERROR, WARNING, INFO;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
