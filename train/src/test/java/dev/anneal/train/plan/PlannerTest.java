package dev.anneal.train.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.anneal.core.AnnealException;
import dev.anneal.core.Task;
import dev.anneal.core.config.ConfigWriter;
import dev.anneal.core.config.SplitMethod;
import dev.anneal.core.data.RowSource;
import dev.anneal.core.profile.DataProfile;
import dev.anneal.core.profile.DataProfiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Planted problems in generated data, and the plans of the shared datasets. */
class PlannerTest {

    private static final List<String> COLUMNS =
            List.of("order_id", "customer", "contact_email", "signup", "amount", "visits", "refund_flag", "churned");

    /** Customers with several orders each, a leaky copy of the label, e-mails, dates, duplicates with conflicts. */
    static List<String[]> orders(int count) {
        Random random = new Random(3);
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int customer = random.nextInt(count / 5);
            double amount = Math.exp(random.nextGaussian());
            int visits = random.nextInt(20);
            boolean churned = amount + 0.1 * visits + random.nextGaussian() > 2.5;
            rows.add(new String[] {
                "A" + (100_000 + i),
                "C" + customer,
                "c" + customer + "@mail.example.com",
                String.format("2023-%02d-%02dT%02d:00:00", 1 + i * 12 / count, 1 + i % 28, i % 24),
                String.format("%.2f", amount),
                Integer.toString(visits),
                churned ? "refunded" : "kept",
                churned ? "yes" : "no"});
        }
        return rows;
    }

    static DataProfile profile(List<String> columns, List<String[]> rows, String target) {
        DataProfiler profiler = new DataProfiler(columns, target, Set.of(), DataProfiler.DEFAULT_SAMPLE_ROWS, 5, 2);
        rows.forEach(row -> profiler.accept(row.clone()));
        return profiler.finish("orders.csv", 100_000);
    }

    private static PlanRequest request(String target, SplitMethod split) {
        return new PlanRequest("orders", "orders.csv", target, null, null, null, split, 42);
    }

    private static Plan.ColumnPlan column(Plan plan, String name) {
        return plan.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static boolean found(Plan plan, Finding.Severity severity, String column, String words) {
        return plan.findings().stream().anyMatch(f -> f.severity() == severity && column.equals(f.column())
                && f.message().contains(words));
    }

    @Test
    void dropsTheLeakyCopyAndKeepsTheIdOutOfTheFeatures() {
        Plan plan = Planner.plan(profile(COLUMNS, orders(3_000), "churned"), request("churned", null));
        assertEquals("ignore", column(plan, "refund_flag").type());
        assertTrue(found(plan, Finding.Severity.ERROR, "refund_flag", "leakage"), plan.findings().toString());
        assertEquals("id", column(plan, "order_id").type());
        assertTrue(found(plan, Finding.Severity.WARNING, "order_id", "identifier"));
        assertTrue(column(plan, "amount").isFeature());
        assertTrue(column(plan, "visits").isFeature());
        assertFalse(plan.findings().stream().anyMatch(f -> "amount".equals(f.column())
                && f.severity() == Finding.Severity.ERROR), "a real feature is not leakage");
    }

    @Test
    void aTimeColumnOverridesAnAskedRandomSplitAndSaysWhy() {
        Plan plan = Planner.plan(profile(COLUMNS, orders(3_000), "churned"), request("churned", SplitMethod.RANDOM));
        assertEquals(SplitMethod.TIME, plan.split().method());
        assertEquals("signup", plan.split().column());
        assertTrue(found(plan, Finding.Severity.ERROR, "signup", "random split"), plan.findings().toString());
    }

    @Test
    void aGroupColumnAskedForWinsOverAFoundTimeColumn() {
        Plan plan = Planner.plan(profile(COLUMNS, orders(3_000), "churned"),
                new PlanRequest("orders", "orders.csv", "churned", null, null, "customer", null, 42));
        assertEquals(SplitMethod.GROUP, plan.split().method());
        assertEquals("customer", plan.split().column());
    }

    @Test
    void aTargetWithOneClassIsAnError() {
        List<String[]> rows = orders(500);
        rows.forEach(row -> row[7] = "no");
        AnnealException e = assertThrows(AnnealException.class,
                () -> Planner.plan(profile(COLUMNS, rows, "churned"), request("churned", null)));
        assertEquals("target churned: one value on every row; a classifier needs at least two classes", e.getMessage());
    }

    @Test
    void withoutATimeColumnTheRepeatedCustomerIsTheGroup() {
        List<String> columns = new ArrayList<>(COLUMNS);
        columns.remove("signup");
        List<String[]> rows = orders(3_000).stream().map(r -> new String[] {r[0], r[1], r[2], r[4], r[5], r[6], r[7]})
                .toList();
        Plan plan = Planner.plan(profile(columns, rows, "churned"), request("churned", null));
        assertEquals(SplitMethod.GROUP, plan.split().method());
        assertEquals("customer", plan.split().column());
        assertEquals("id", column(plan, "customer").type());
    }

    @Test
    void personalDataIsDroppedAndNeverWritten() {
        Plan plan = Planner.plan(profile(COLUMNS, orders(3_000), "churned"), request("churned", null));
        Plan.ColumnPlan email = column(plan, "contact_email");
        assertEquals("drop", email.privacy());
        assertTrue(plan.findings(Finding.Section.PRIVACY).stream().anyMatch(f -> f.column().equals("contact_email")));
        String everything = PlanMarkdown.of(plan, "2026-11-29") + ConfigWriter.toYaml(PlanConfig.map(plan));
        assertFalse(everything.contains("@mail.example.com"), "an e-mail address was written");
    }

    @Test
    void duplicatesAreRemovedAndConflictingLabelsReported() {
        List<String[]> rows = new ArrayList<>(orders(3_000));
        for (int i = 0; i < 30; i++) {
            rows.add(rows.get(i).clone());
        }
        for (int i = 100; i < 110; i++) {
            String[] conflicting = rows.get(i).clone();
            conflicting[7] = conflicting[7].equals("yes") ? "no" : "yes";
            rows.add(conflicting);
        }
        Plan plan = Planner.plan(profile(COLUMNS, rows, "churned"), request("churned", null));
        assertTrue(plan.dropDuplicates());
        assertEquals(true, ((java.util.Map<?, ?>) PlanConfig.map(plan).get("data")).get("deduplicate"));
        assertTrue(found(plan, Finding.Severity.WARNING, "churned", "conflicting labels"), plan.findings().toString());
        assertEquals(30, plan.profile().table().duplicateRows());
    }

    @Test
    void rarePositivesAreJudgedByPrAuc() {
        List<String[]> rows = orders(3_000);
        for (int i = 0; i < rows.size(); i++) {
            rows.get(i)[7] = i % 20 == 0 ? "yes" : "no";
        }
        Plan plan = Planner.plan(profile(COLUMNS, rows, "churned"), request("churned", null));
        assertEquals("pr_auc", plan.metric());
        assertEquals("yes", plan.positive());
    }

    @Test
    void wrongRequestsAreOneLineErrors() {
        DataProfile profile = profile(COLUMNS, orders(500), "churned");
        AnnealException noColumn = assertThrows(AnnealException.class, () -> Planner.plan(profile,
                new PlanRequest("x", "x.csv", "churned", null, "nope", null, null, 1)));
        assertTrue(noColumn.getMessage().startsWith("--time-column nope: no such column"), noColumn.getMessage());
        AnnealException regression = assertThrows(AnnealException.class, () -> Planner.plan(profile,
                new PlanRequest("x", "x.csv", "churned", Task.REGRESSION, null, null, null, 1)));
        assertTrue(regression.getMessage().contains("not numeric"), regression.getMessage());
    }

    static DataProfile shared(String file, String target) throws IOException {
        Path path = Path.of("..", "..", "shared", "data", file);
        Assumptions.assumeTrue(Files.exists(path), "the shared datasets are not here");
        try (RowSource source = RowSource.open(path, List.of(target), null)) {
            return DataProfiler.profile(source, target, Set.of(), DataProfiler.DEFAULT_SAMPLE_ROWS, 42, 2,
                    problem -> fail(problem), (bytes, rows) -> { });
        }
    }

    @Test
    void smallFineFoodsIsSplitByProduct() throws IOException {
        Plan plan = Planner.plan(shared("small_fine_foods.csv", "score"),
                new PlanRequest("foods", "foods.csv", "score", null, null, null, null, 42));
        assertEquals(SplitMethod.GROUP, plan.split().method());
        assertEquals("product", plan.split().column());
        assertEquals("text", column(plan, "review").type());
        assertEquals("ignore", column(plan, "orig_split").type(), "a previous split assignment is not a feature");
    }

    @Test
    void amesKeepsTheLiteralNoneAsACategory() throws IOException {
        Plan plan = Planner.plan(shared("ames.csv", "Sale_Price"),
                new PlanRequest("ames", "ames.csv", "Sale_Price", null, null, null, null, 42));
        assertEquals(Task.REGRESSION, plan.task());
        assertEquals("category", column(plan, "Mas_Vnr_Type").type());
        assertTrue(found(plan, Finding.Severity.INFO, "Mas_Vnr_Type", "look like missing values"),
                plan.findings().toString());
        assertEquals(0, plan.profile().column("Mas_Vnr_Type").missing());
        assertEquals(SplitMethod.RANDOM, plan.split().method());
        assertEquals(List.of(), plan.findings(Finding.Section.PRIVACY), "coordinates are not phone numbers");
        assertTrue(column(plan, "Latitude").isFeature());
    }
}
