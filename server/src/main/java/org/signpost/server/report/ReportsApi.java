package org.signpost.server.report;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.signpost.core.conversation.TrackerStore;
import org.signpost.core.escalation.EscalationQueue;
import org.signpost.core.feedback.Feedback;
import org.signpost.core.feedback.FeedbackLog;
import org.signpost.core.gap.CapacityGapLog;
import org.signpost.core.referral.ReferralStore;
import org.signpost.core.staff.Role;
import org.signpost.error.InvalidInputException;
import org.signpost.server.staff.StaffAuth;

/**
 * {@code GET /api/reports/summary?from=YYYY-MM-DD&to=YYYY-MM-DD} (both inclusive, UK dates):
 * conversations by day and channel, containment, escalations and safety events (in total and by
 * day), the fallback rate and top intents; referrals by service and status, capacity gaps by
 * category and locality, Friends and Family Test results, and escalations waiting by priority.
 * {@code GET /api/reports/summary.csv} answers the same figures as a CSV download, one figure a row.
 */
public final class ReportsApi {

    private static final ZoneId UK = ZoneId.of("Europe/London");
    private final ReferralStore referrals;
    private final CapacityGapLog gaps;
    private final FeedbackLog feedback;
    private final EscalationQueue escalations;
    private final TrackerStore trackers;

    public ReportsApi(TrackerStore trackers, ReferralStore referrals, CapacityGapLog gaps, FeedbackLog feedback,
            EscalationQueue escalations) {
        this.trackers = Objects.requireNonNull(trackers, "trackers");
        this.referrals = Objects.requireNonNull(referrals, "referrals");
        this.gaps = Objects.requireNonNull(gaps, "gaps");
        this.feedback = Objects.requireNonNull(feedback, "feedback");
        this.escalations = Objects.requireNonNull(escalations, "escalations");
    }

    public void mount(Router router) {
        router.get("/api/reports/summary").handler(StaffAuth.requireAny(Role.NAVIGATOR, Role.SERVICE_ADMIN))
                .handler(this::summary);
        router.get("/api/reports/summary.csv").handler(StaffAuth.requireAny(Role.NAVIGATOR, Role.SERVICE_ADMIN))
                .handler(this::summaryCsv);
    }

    private void summary(RoutingContext context) {
        report(context).onSuccess(report -> context.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(report.encode()))
                .onFailure(context::fail);
    }

    private void summaryCsv(RoutingContext context) {
        report(context).onSuccess(report -> context.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/csv; charset=utf-8")
                .putHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"signpost-summary-"
                        + report.getString("from") + "-to-" + report.getString("to") + ".csv\"")
                .end(SummaryCsv.of(report)))
                .onFailure(context::fail);
    }

    /** The summary for the request's {@code from} and {@code to}; throws on a malformed range. */
    private Future<JsonObject> report(RoutingContext context) {
        LocalDate from = date(context, "from", LocalDate.of(2000, 1, 1));
        LocalDate to = date(context, "to", LocalDate.of(2999, 12, 31));
        if (to.isBefore(from)) {
            throw new InvalidInputException("invalid_query", "'to' is before 'from'");
        }
        Instant start = from.atStartOfDay(UK).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(UK).toInstant();
        JsonObject report = new JsonObject().put("from", from.toString()).put("to", to.toString());
        Future<Void> referralCounts = referrals.all().map(all -> {
            Map<String, Map<String, Integer>> byService = new TreeMap<>();
            all.stream().filter(r -> !r.createdAt().isBefore(start) && r.createdAt().isBefore(end)).forEach(r ->
                    byService.computeIfAbsent(r.serviceId(), s -> new TreeMap<>()).merge(r.status().id(), 1, Integer::sum));
            report.put("referrals_by_service_and_status", nested(byService));
            return null;
        });
        Future<Void> gapCounts = gaps.all().map(all -> {
            Map<String, Map<String, Integer>> byCategory = new TreeMap<>();
            all.stream().filter(g -> !g.at().isBefore(start) && g.at().isBefore(end)).forEach(g ->
                    byCategory.computeIfAbsent(g.category().isEmpty() ? "unknown" : g.category(), c -> new TreeMap<>())
                            .merge(g.locality().isEmpty() ? "unknown" : g.locality(), 1, Integer::sum));
            report.put("capacity_gaps_by_category_and_locality", nested(byCategory));
            return null;
        });
        Future<Void> fft = feedback.all().map(all -> {
            Map<String, Integer> ratings = new TreeMap<>();
            Feedback.RATINGS.forEach(rating -> ratings.put(rating, 0));
            all.stream().filter(f -> !f.at().isBefore(start) && f.at().isBefore(end))
                    .forEach(f -> ratings.merge(f.rating(), 1, Integer::sum));
            int answered = ratings.entrySet().stream().filter(e -> !e.getKey().equals("Don't know"))
                    .mapToInt(Map.Entry::getValue).sum();
            int positive = ratings.get("Very good") + ratings.get("Good");
            report.put("friends_and_family_test", new JsonObject(new java.util.LinkedHashMap<>(ratings))
                    .put("percent_positive", answered == 0 ? null : Math.round(1000.0 * positive / answered) / 10.0));
            return null;
        });
        Future<Void> waiting = escalations.waiting().map(all -> {
            Map<String, Integer> byPriority = new TreeMap<>();
            all.forEach(e -> byPriority.merge(e.priority().id(), 1, Integer::sum));
            report.put("escalations_waiting_by_priority", new JsonObject(new java.util.LinkedHashMap<>(byPriority)));
            return null;
        });
        Future<Void> conversations = ConversationReport.of(trackers, start, end).map(json -> {
            report.mergeIn(json);
            return null;
        });
        return Future.all(List.of(referralCounts, gapCounts, fft, waiting, conversations)).map(done -> report);
    }

    private static JsonObject nested(Map<String, Map<String, Integer>> counts) {
        JsonObject json = new JsonObject();
        counts.forEach((key, inner) -> json.put(key, new JsonObject(new java.util.LinkedHashMap<>(inner))));
        return json;
    }

    private static LocalDate date(RoutingContext context, String name, LocalDate otherwise) {
        String value = context.queryParams().get(name);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("invalid_query", "'" + name + "' must be a date like 2026-11-23");
        }
    }
}
