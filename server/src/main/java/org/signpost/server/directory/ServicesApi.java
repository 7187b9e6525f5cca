package org.signpost.server.directory;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.signpost.connectors.web.http.JsonBodies;
import org.signpost.content.SourceLocation;
import org.signpost.core.directory.Availability;
import org.signpost.core.directory.ContactDetails;
import org.signpost.core.directory.OpeningHours;
import org.signpost.core.directory.Service;
import org.signpost.core.directory.ServiceDirectory;
import org.signpost.core.staff.AuditLog;
import org.signpost.core.staff.Role;
import org.signpost.error.InvalidInputException;
import org.signpost.server.http.JsonResponse;
import org.signpost.server.staff.StaffAuth;

/**
 * The directory for staff: any staff member reads it; admins add, change and remove services;
 * service admins (and admins) report availability in one call. Categories and localities must
 * come from the dialogue's closed lists. Changes are audited.
 */
public final class ServicesApi {

    private final ServiceDirectory directory;
    private final AuditLog audit;
    private final Clock clock;
    private final Set<String> categories;
    private final Set<String> localities;

    public ServicesApi(ServiceDirectory directory, AuditLog audit, Clock clock, Collection<String> categories,
            Collection<String> localities) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.categories = Set.copyOf(categories);
        this.localities = Set.copyOf(localities);
    }

    public void mount(Router router, Handler<RoutingContext> body) {
        Handler<RoutingContext> staff = StaffAuth.requireAny(Role.NAVIGATOR, Role.SERVICE_ADMIN);
        router.get("/api/services").handler(staff).handler(this::list);
        router.get("/api/services/:id").handler(staff).handler(this::get);
        router.post("/api/services").handler(StaffAuth.requireAny(Role.ADMIN)).handler(body).handler(this::create);
        router.put("/api/services/:id").handler(StaffAuth.requireAny(Role.ADMIN)).handler(body).handler(this::replace);
        router.delete("/api/services/:id").handler(StaffAuth.requireAny(Role.ADMIN)).handler(this::delete);
        router.put("/api/services/:id/availability").handler(StaffAuth.requireAny(Role.SERVICE_ADMIN)).handler(body)
                .handler(this::availability);
    }

    private void list(RoutingContext context) {
        directory.all().onSuccess(services -> {
            JsonArray json = new JsonArray();
            services.forEach(service -> json.add(ServiceJson.toJson(service)));
            JsonResponse.send(context, 200, json.encode());
        }).onFailure(context::fail);
    }

    private void get(RoutingContext context) {
        directory.find(context.pathParam("id")).onSuccess(found -> found.ifPresentOrElse(
                service -> JsonResponse.send(context, 200, ServiceJson.toJson(service).encode()),
                () -> context.fail(new HttpException(404, "no service with id " + context.pathParam("id")))))
                .onFailure(context::fail);
    }

    private void create(RoutingContext context) {
        Service service = ServiceJson.fromJson(JsonBodies.object(context), null, categories, localities);
        directory.find(service.id()).compose(existing -> {
            if (existing.isPresent()) {
                throw new HttpException(409, "a service with id " + service.id() + " exists already");
            }
            return directory.save(service);
        }).compose(saved -> StaffAuth.audited(audit, clock, context, "created service", service.id()))
                .onSuccess(done -> JsonResponse.send(context, 201, ServiceJson.toJson(service).encode()))
                .onFailure(context::fail);
    }

    private void replace(RoutingContext context) {
        String id = context.pathParam("id");
        JsonObject body = JsonBodies.object(context);
        directory.find(id).compose(existing -> {
            Service current = existing.orElseThrow(() -> new HttpException(404, "no service with id " + id));
            Service service = ServiceJson.fromJson(body.copy().put("id", id), current, categories, localities);
            return directory.save(service).map(saved -> service);
        }).compose(service -> StaffAuth.audited(audit, clock, context, "changed service", id).map(done -> service))
                .onSuccess(service -> JsonResponse.send(context, 200, ServiceJson.toJson(service).encode()))
                .onFailure(context::fail);
    }

    private void delete(RoutingContext context) {
        String id = context.pathParam("id");
        directory.delete(id).compose(deleted -> {
            if (!deleted) {
                throw new HttpException(404, "no service with id " + id);
            }
            return StaffAuth.audited(audit, clock, context, "deleted service", id);
        }).onSuccess(done -> context.response().setStatusCode(204).end()).onFailure(context::fail);
    }

    private void availability(RoutingContext context) {
        String id = context.pathParam("id");
        JsonObject body = JsonBodies.object(context);
        Object accepting = body.getValue("accepting_referrals");
        if (!(accepting instanceof Boolean)) {
            throw new InvalidInputException("invalid_field", "accepting_referrals must be true or false");
        }
        Object wait = body.getValue("wait_weeks");
        if (wait != null && !(wait instanceof Integer && (Integer) wait >= 0 && (Integer) wait <= 520)) {
            throw new InvalidInputException("invalid_field", "wait_weeks must be a whole number of weeks from 0 to 520, or null");
        }
        String note = JsonBodies.optionalString(body, "note", 500).orElse("");
        Availability reported = new Availability((Boolean) accepting, wait == null ? -1 : (Integer) wait, note,
                clock.instant(), StaffAuth.username(context));
        directory.find(id).compose(existing -> {
            Service current = existing.orElseThrow(() -> new HttpException(404, "no service with id " + id));
            Service updated = current.withAvailability(reported);
            return directory.save(updated).map(saved -> updated);
        }).compose(service -> StaffAuth.audited(audit, clock, context, "reported availability", id).map(done -> service))
                .onSuccess(service -> JsonResponse.send(context, 200, ServiceJson.toJson(service).encode()))
                .onFailure(context::fail);
    }

    /** Service to and from the API's JSON (snake_case, as the directory file). */
    static final class ServiceJson {
        private ServiceJson() {
        }

        static JsonObject toJson(Service service) {
            JsonObject json = new JsonObject()
                    .put("id", service.id()).put("name", service.name()).put("provider", service.provider())
                    .put("description", service.description()).put("categories", new JsonArray(service.categories()))
                    .put("localities", new JsonArray(service.localities())).put("contact", service.contact())
                    .put("phone", service.channels().phone()).put("email", service.channels().email())
                    .put("web", service.channels().web()).put("address", service.channels().address())
                    .put("who_can_refer", service.whoCanRefer()).put("age_range", service.ageRange())
                    .put("eligibility", service.eligibility())
                    .put("verified", service.verified())
                    .put("opening_hours", new JsonArray(service.openingHours().written()));
            Availability availability = service.availability();
            json.put("availability", availability.reported() ? new JsonObject()
                    .put("accepting_referrals", availability.acceptingReferrals())
                    .put("wait_weeks", availability.typicalWait().orElse(null))
                    .put("note", availability.note())
                    .put("updated_at", availability.updatedAt().toString())
                    .put("updated_by", availability.updatedBy()) : null);
            return json;
        }

        /** @param current the service being replaced (its availability is kept), or null for a new one */
        static Service fromJson(JsonObject json, Service current, Set<String> categories, Set<String> localities) {
            String id = JsonBodies.string(json, "id", 80);
            if (!id.matches("[a-z0-9][a-z0-9-]*")) {
                throw new InvalidInputException("invalid_field", "id must be lower-case words joined by '-'");
            }
            List<String> serviceCategories = strings(json, "categories", true);
            for (String category : serviceCategories) {
                if (!categories.contains(category)) {
                    throw new InvalidInputException("invalid_field", "unknown category '" + category + "'");
                }
            }
            List<String> served = strings(json, "localities", false);
            for (String locality : served) {
                if (!localities.contains(locality)) {
                    throw new InvalidInputException("invalid_field", "unknown locality '" + locality + "'");
                }
            }
            OpeningHours hours;
            try {
                List<String> written = strings(json, "opening_hours", false);
                hours = written.isEmpty() ? OpeningHours.UNKNOWN : OpeningHours.parse(written);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("invalid_field", "opening_hours: " + e.getMessage());
            }
            Object verified = json.getValue("verified", Boolean.FALSE);
            if (!(verified instanceof Boolean)) {
                throw new InvalidInputException("invalid_field", "verified must be true or false");
            }
            return new Service(id, text(json, "name"), text(json, "provider"), text(json, "description"),
                    serviceCategories, served, text(json, "contact"),
                    new ContactDetails(blank(json, "phone"), blank(json, "email"), blank(json, "web"), blank(json, "address")),
                    optional(json, "who_can_refer"), optional(json, "age_range"), blank(json, "eligibility"),
                    (Boolean) verified, hours,
                    current == null ? Availability.NOT_REPORTED : current.availability(),
                    new SourceLocation("api", 0));
        }

        private static String text(JsonObject json, String field) {
            String value = JsonBodies.string(json, field, 2000).strip();
            if (value.isEmpty()) {
                throw new InvalidInputException("invalid_field", field + " must not be empty");
            }
            return value;
        }

        private static String optional(JsonObject json, String field) {
            return JsonBodies.optionalString(json, field, 500).orElse("not known");
        }

        private static String blank(JsonObject json, String field) {
            return JsonBodies.optionalString(json, field, 500).orElse("");
        }

        private static List<String> strings(JsonObject json, String field, boolean required) {
            Object value = json.getValue(field);
            if (value == null) {
                if (required) {
                    throw new InvalidInputException("missing_field", "the field '" + field + "' is required");
                }
                return List.of();
            }
            if (!(value instanceof JsonArray array)) {
                throw new InvalidInputException("invalid_field", field + " must be a list of strings");
            }
            List<String> strings = new ArrayList<>();
            for (Object item : array) {
                if (!(item instanceof String text)) {
                    throw new InvalidInputException("invalid_field", field + " must be a list of strings");
                }
                strings.add(text);
            }
            if (required && strings.isEmpty()) {
                throw new InvalidInputException("invalid_field", field + " must not be empty");
            }
            return strings;
        }
    }
}
