package dev.anneal.core.features;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/** A number extracted from a date (UTC). */
public enum DatePart {
    YEAR, MONTH, DAY, DAY_OF_WEEK, HOUR,
    /** Days since the earliest training date: lets a model see trends over time. */
    ELAPSED_DAYS;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value of this part for {@code epochSeconds}, given the training reference for elapsed days. */
    double of(long epochSeconds, long referenceSeconds) {
        if (this == ELAPSED_DAYS) {
            return (epochSeconds - referenceSeconds) / 86_400.0;
        }
        LocalDateTime time = LocalDateTime.ofEpochSecond(epochSeconds, 0, ZoneOffset.UTC);
        return switch (this) {
            case YEAR -> time.getYear();
            case MONTH -> time.getMonthValue();
            case DAY -> time.getDayOfMonth();
            case DAY_OF_WEEK -> time.getDayOfWeek().getValue();
            case HOUR -> time.getHour();
            case ELAPSED_DAYS -> throw new AssertionError();
        };
    }
}
