package org.signpost.nlu.entity;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.signpost.nlu.ExtractedEntity;
import org.signpost.nlu.Token;
import org.signpost.nlu.value.DateExpression;

/** {@code date} entities as ISO dates, relative ones resolved against today in the UK. */
public final class DateEntityExtractor implements EntityExtractor {

    public static final String NAME = "DateEntityExtractor";
    static final ZoneId UK = ZoneId.of("Europe/London");
    private final Clock clock;

    public DateEntityExtractor(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public List<ExtractedEntity> extract(String text, List<Token> tokens) {
        LocalDate today = LocalDate.now(clock.withZone(UK));
        return DateExpression.find(text, today).stream()
                .map(found -> new ExtractedEntity("date", found.date().toString(), found.start(), found.end(), NAME, 1.0,
                        List.of()))
                .toList();
    }
}
