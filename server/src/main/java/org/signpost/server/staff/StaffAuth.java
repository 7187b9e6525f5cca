package org.signpost.server.staff;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.JWTAuthHandler;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.signpost.connectors.web.http.JsonBodies;
import org.signpost.core.staff.AuditEntry;
import org.signpost.core.staff.AuditLog;
import org.signpost.core.staff.Passwords;
import org.signpost.core.staff.Role;
import org.signpost.core.staff.SignInThrottle;
import org.signpost.core.staff.StaffDirectory;
import org.signpost.core.staff.StaffUser;

/**
 * Staff sign-in: {@code POST /api/login} with {@code {"username", "password"}} answers a JWT
 * (HS256, eight hours) carrying the user's roles. Every other {@code /api/} route needs
 * {@code Authorization: Bearer <token>} (401 without a valid one) and the roles it names (403
 * otherwise). Password checks are slow on purpose and run on worker threads; a username with too
 * many unsuccessful attempts is refused (429) until the oldest ages out ({@link SignInThrottle}).
 */
public final class StaffAuth {

    static final int TOKEN_MINUTES = 8 * 60;

    private final Vertx vertx;
    private final StaffDirectory staff;
    private final Passwords passwords;
    private final JWTAuth jwt;
    private final JWTAuthHandler authenticate;
    private final SignInThrottle throttle;

    public StaffAuth(Vertx vertx, StaffDirectory staff, Passwords passwords, SignInThrottle throttle, String secret) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.staff = Objects.requireNonNull(staff, "staff");
        this.passwords = Objects.requireNonNull(passwords, "passwords");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
        this.authenticate = JWTAuthHandler.create(jwt);
    }

    /** Mounts the login route and protects every other route under {@code /api/}. */
    public void mount(Router router, Handler<RoutingContext> body) {
        // Login answers before the guard below is reached; everything else under /api/ passes it.
        router.post("/api/login").handler(body).handler(this::login);
        router.route("/api/*").handler(authenticate);
    }

    private void login(RoutingContext context) {
        JsonObject body = JsonBodies.object(context);
        String username = JsonBodies.string(body, "username", 100);
        String password = JsonBodies.string(body, "password", 200);
        throttle.begin(username).compose(blocked -> {
            if (blocked > 0) {
                context.response().putHeader("Retry-After", String.valueOf(blocked));
                return Future.failedFuture(new HttpException(429,
                        "too many failed sign-ins for this user; try again in " + blocked + " seconds"));
            }
            return staff.find(username).compose(found -> vertx.executeBlocking(() ->
                    found.filter(user -> passwords.matches(password, user.passwordHash()))));
        }).compose(checked -> {
            if (checked.isEmpty()) {
                return Future.<StaffUser>failedFuture(new HttpException(401, "wrong username or password"));
            }
            return throttle.succeeded(username).map(checked.get());
        }).onComplete(signedIn -> {
            if (signedIn.failed()) {
                context.fail(signedIn.cause());
                return;
            }
            StaffUser user = signedIn.result();
            JsonArray roles = new JsonArray(user.roles().stream().map(Role::id).sorted().toList());
            String token = jwt.generateToken(new JsonObject().put("sub", user.username()).put("roles", roles),
                    new JWTOptions().setAlgorithm("HS256").setExpiresInMinutes(TOKEN_MINUTES));
            context.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(new JsonObject()
                    .put("token", token).put("token_type", "Bearer").put("expires_in", TOKEN_MINUTES * 60)
                    .put("roles", roles).encode());
        });
    }

    /**
     * The staff member a bearer token names, with their roles, for connections that cannot send
     * an Authorization header (a browser's WebSocket); fails when the token is not valid now.
     */
    public Future<StaffIdentity> verify(String token) {
        return jwt.authenticate(new TokenCredentials(token)).map(user -> new StaffIdentity(
                user.principal().getString("sub", "unknown"), roles(user.principal().getJsonArray("roles", new JsonArray()))));
    }

    /** A signed-in member of staff. */
    public record StaffIdentity(String username, List<Role> roles) {

        public StaffIdentity {
            Objects.requireNonNull(username, "username");
            roles = List.copyOf(roles);
        }

        /** Whether they may act as any of {@code allowed} (admins always may). */
        public boolean hasAny(Role... allowed) {
            return roles.contains(Role.ADMIN) || roles.stream().anyMatch(Set.of(allowed)::contains);
        }
    }

    /** A handler that lets the request on only when the signed-in user has one of {@code roles} (admins always). */
    public static Handler<RoutingContext> requireAny(Role... roles) {
        Set<Role> allowed = EnumSet.of(Role.ADMIN, roles);
        return context -> {
            if (rolesOf(context).stream().anyMatch(allowed::contains)) {
                context.next();
            } else {
                context.fail(new HttpException(403, "this needs the role " + allowed.stream().filter(r -> r != Role.ADMIN)
                        .map(Role::id).findFirst().orElse("admin")));
            }
        };
    }

    /** The signed-in user's name. */
    public static String username(RoutingContext context) {
        return context.user().principal().getString("sub", "unknown");
    }

    /** Records that the signed-in staff member did {@code action} to {@code subject}. */
    public static Future<Void> audited(AuditLog audit, Clock clock, RoutingContext context, String action, String subject) {
        return audit.record(new AuditEntry(username(context), action, subject, clock.instant()));
    }

    static List<Role> rolesOf(RoutingContext context) {
        if (context.user() == null) {
            return List.of();
        }
        return roles(context.user().principal().getJsonArray("roles", new JsonArray()));
    }

    private static List<Role> roles(JsonArray roles) {
        return roles.stream().map(String::valueOf).map(id -> {
            try {
                return Role.fromId(id);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }).filter(Objects::nonNull).toList();
    }

    /** Creates the first admin from configuration when there is no admin yet. Blocking: hashes a password. */
    public static Future<Boolean> ensureAdmin(StaffDirectory staff, Passwords passwords, String username, String password) {
        return staff.all().compose(users -> {
            if (users.stream().anyMatch(user -> user.roles().contains(Role.ADMIN))) {
                return Future.succeededFuture(false);
            }
            return staff.save(new StaffUser(username, passwords.hash(password), Set.of(Role.ADMIN))).map(saved -> true);
        });
    }
}
