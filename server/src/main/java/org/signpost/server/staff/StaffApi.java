package org.signpost.server.staff;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.signpost.connectors.web.http.JsonBodies;
import org.signpost.core.staff.AuditLog;
import org.signpost.core.staff.Passwords;
import org.signpost.core.staff.Role;
import org.signpost.core.staff.StaffDirectory;
import org.signpost.core.staff.StaffUser;
import org.signpost.error.InvalidInputException;
import org.signpost.server.http.JsonResponse;

/**
 * Staff accounts, for admins: {@code GET /api/staff} lists usernames and roles (never hashes);
 * {@code PUT /api/staff/{username}} with {@code {"password": "...", "roles": ["navigator"]}}
 * creates an account or replaces its password and roles. Audited.
 */
public final class StaffApi {

    static final int MIN_PASSWORD = 12;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

    private final Vertx vertx;
    private final StaffDirectory staff;
    private final Passwords passwords;
    private final AuditLog audit;
    private final Clock clock;

    public StaffApi(Vertx vertx, StaffDirectory staff, Passwords passwords, AuditLog audit, Clock clock) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.staff = Objects.requireNonNull(staff, "staff");
        this.passwords = Objects.requireNonNull(passwords, "passwords");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void mount(Router router, Handler<RoutingContext> body) {
        router.get("/api/staff").handler(StaffAuth.requireAny(Role.ADMIN)).handler(this::list);
        router.put("/api/staff/:username").handler(StaffAuth.requireAny(Role.ADMIN)).handler(body).handler(this::save);
    }

    private void list(RoutingContext context) {
        staff.all().onSuccess(users -> {
            JsonArray list = new JsonArray();
            users.stream().sorted(Comparator.comparing(StaffUser::username)).forEach(user -> list.add(new JsonObject()
                    .put("username", user.username()).put("roles", user.roles().stream().map(Role::id).sorted().toList())));
            JsonResponse.send(context, 200, list.encode());
        }).onFailure(context::fail);
    }

    private void save(RoutingContext context) {
        String username = context.pathParam("username");
        if (!USERNAME.matcher(username).matches()) {
            throw new InvalidInputException("invalid_username",
                    "a username is 2 to 64 lower-case letters, digits, dots, dashes or underscores");
        }
        JsonObject body = JsonBodies.object(context);
        String password = JsonBodies.string(body, "password", 200);
        if (password.length() < MIN_PASSWORD) {
            throw new InvalidInputException("weak_password", "a password needs at least " + MIN_PASSWORD + " characters");
        }
        Set<Role> roles = roles(body);
        staff.find(username)
                .compose(existing -> vertx.executeBlocking(() -> passwords.hash(password))
                        .compose(hash -> staff.save(new StaffUser(username, hash, roles)))
                        .compose(saved -> StaffAuth.audited(audit, clock, context, "staff.save", username))
                        .map(audited -> existing.isPresent()))
                .onSuccess(replaced -> JsonResponse.send(context, replaced ? 200 : 201, new JsonObject()
                        .put("username", username).put("roles", roles.stream().map(Role::id).sorted().toList()).encode()))
                .onFailure(context::fail);
    }

    private static Set<Role> roles(JsonObject body) {
        Object value = body.getValue("roles");
        if (!(value instanceof JsonArray array) || array.isEmpty()) {
            throw new InvalidInputException("invalid_field", "'roles' must be a non-empty list of navigator, service_admin or admin");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Object role : array) {
            try {
                roles.add(Role.fromId(String.valueOf(role)));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("invalid_field", e.getMessage());
            }
        }
        return roles;
    }
}
