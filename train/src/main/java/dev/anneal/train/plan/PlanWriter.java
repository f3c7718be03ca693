package dev.anneal.train.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.core.io.AtomicFiles;
import dev.anneal.core.io.Json;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Writes the four files of a plan into its folder, each atomically: {@code profile.json} (the profile, with
 * the data checks that {@code anneal validate --against} holds new batches to, the target's left out), {@code PLAN.md}, {@code plan.html} (the
 * same plan as a page) and {@code config.yaml}.
 */
public final class PlanWriter {

    /** The files a plan folder holds, in the order they are written. */
    public static final List<String> FILES = List.of("profile.json", "PLAN.md", "plan.html", "config.yaml");

    private PlanWriter() {
    }

    public static void write(Plan plan, Path folder) {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        ObjectNode profile = Json.mapper().valueToTree(plan.profile());
        profile.putArray("na_values");
        profile.set("checks", Json.mapper().valueToTree(ProfileChecks.of(plan, false)));
        AtomicFiles.writeJson(folder.resolve("profile.json"), profile);
        String markdown = PlanMarkdown.of(plan, today);
        AtomicFiles.writeString(folder.resolve("PLAN.md"), markdown);
        PlanPage.write(folder.resolve("plan.html"), "Project plan: " + plan.request().name(), markdown);
        AtomicFiles.writeString(folder.resolve("config.yaml"), PlanConfig.yaml(plan, today));
    }
}
