package org.signpost.server;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.signpost.connectors.voice.VoiceSettings;
import org.signpost.connectors.voice.listen.SpeechSettings;
import org.signpost.connectors.voice.queue.AmiSettings;
import org.signpost.connectors.web.chat.ChatSettings;
import org.signpost.connectors.whatsapp.WhatsAppSettings;
import org.signpost.error.SignpostException;
import org.signpost.storage.redis.Redis;

/**
 * Everything the server is configured with, read from the environment. Invalid values stop
 * start-up with a message naming the variable.
 *
 * @param port the HTTP port ({@code PORT}, default 5005 as Rasa; 0 picks a free one)
 * @param host the address to listen on ({@code HOST}, default all interfaces)
 * @param dataDirectory where trained models and local data live ({@code SIGNPOST_DATA_DIR}, default {@code ./data})
 * @param bodyLimit the largest request body accepted, in bytes ({@code SIGNPOST_BODY_LIMIT}, default 64 KiB)
 * @param fallbackThreshold NLU confidence below which a message counts as not understood
 *     ({@code NLU_FALLBACK_THRESHOLD}, default 0.3)
 * @param modelToken the token that allows {@code POST /model/train} ({@code SIGNPOST_MODEL_TOKEN});
 *     without one, training over HTTP is off
 * @param trainingBodyLimit the largest training data accepted, in bytes
 *     ({@code SIGNPOST_TRAINING_BODY_LIMIT}, default 8 MiB)
 * @param rasaUrl with {@code NLU_BACKEND=rasa}, the Rasa server that parses messages ({@code RASA_URL});
 *     empty to use the local model
 * @param rasaTimeoutMillis how long to wait for Rasa before the local model answers
 *     ({@code RASA_TIMEOUT_MS}, default 2000)
 * @param jwtSecret signs staff tokens ({@code SIGNPOST_JWT_SECRET}, 32+ characters); without it a
 *     random secret is used and tokens end with the process
 * @param adminUser the first admin's name ({@code SIGNPOST_ADMIN_USER}), created when no admin exists
 * @param adminPassword the first admin's password ({@code SIGNPOST_ADMIN_PASSWORD}, 12+ characters)
 * @param redisUrl the Redis server for conversation state, locks and the escalation queue
 *     ({@code REDIS_URL}); without it these live in memory
 * @param redisNamespace what every Signpost key in Redis begins with ({@code REDIS_NAMESPACE},
 *     default {@code signpost:})
 * @param mongodbUri the MongoDB for durable data ({@code MONGODB_URI}); without it, an embedded
 *     MongoDB-compatible server keeps the data in {@code dataDirectory}
 * @param mongodbDatabase the database name ({@code MONGODB_DATABASE}, default {@code signpost})
 * @param modelDirectory where trained NLU models are cached ({@code SIGNPOST_MODEL_DIR}, default
 *     {@code models} in the data directory)
 * @param transcriptRetentionDays conversations idle this long are deleted
 *     ({@code SIGNPOST_TRANSCRIPT_RETENTION_DAYS}, default 90)
 * @param referralRetentionDays referrals older than this are deleted
 *     ({@code SIGNPOST_REFERRAL_RETENTION_DAYS}, default 730)
 * @param chat the web chat's settings: a socket without a message for
 *     {@code SIGNPOST_CHAT_IDLE_SECONDS} (default 1800) is closed, and only pages of the websites
 *     in {@code WIDGET_ORIGINS} (comma-separated, such as {@code https://www.dudley.gov.uk}) may
 *     open one; unset, any website may
 * @param maxTurnsInFlight the most turns of REST and web chat messages under way at once; past it
 *     a message is refused with 503 {@code busy} ({@code SIGNPOST_MAX_TURNS_IN_FLIGHT}, default 256)
 * @param whatsapp the WhatsApp number, when {@code WHATSAPP_VERIFY_TOKEN}, {@code WHATSAPP_APP_SECRET},
 *     {@code WHATSAPP_ACCESS_TOKEN} and {@code WHATSAPP_PHONE_NUMBER_ID} are all set (with optional
 *     {@code WHATSAPP_GRAPH_URL}, {@code WHATSAPP_API_VERSION}, {@code WHATSAPP_MESSAGES_PER_SECOND},
 *     {@code WHATSAPP_SETTLE_MS}, {@code WHATSAPP_REOPEN_TEMPLATE} and {@code WHATSAPP_TEMPLATE_LANGUAGE})
 * @param voice the phone line: on unless {@code FASTAGI_PORT=0} (default port 4573), open on
 *     {@code FASTAGI_HOST} (default 127.0.0.1) to the same host and the Asterisks in {@code FASTAGI_ALLOW}, spooling in
 *     {@code VOICE_SPOOL_DIR} (default {@code voice-spool} in the data directory), transferring to
 *     {@code VOICE_QUEUE}; speech recognition with {@code SPEECH_ENDPOINT} or Google credentials
 *     ({@code GOOGLE_APPLICATION_CREDENTIALS}), {@code SPEECH_PLAINTEXT=true} for a plaintext endpoint;
 *     queue pickups over AMI with {@code AMI_HOST}, {@code AMI_USER}, {@code AMI_SECRET} (and {@code AMI_PORT})
 */
public record ServerConfig(int port, String host, Path dataDirectory, int bodyLimit, double fallbackThreshold,
        Optional<String> modelToken, int trainingBodyLimit, Optional<URI> rasaUrl, int rasaTimeoutMillis,
        Optional<String> jwtSecret, Optional<String> adminUser, Optional<String> adminPassword,
        Optional<String> redisUrl, String redisNamespace, Optional<String> mongodbUri, String mongodbDatabase,
        Path modelDirectory, int transcriptRetentionDays, int referralRetentionDays, ChatSettings chat,
        int maxTurnsInFlight, Optional<WhatsAppSettings> whatsapp, Optional<VoiceSettings> voice) {

    public static final int DEFAULT_PORT = 5005;
    public static final int DEFAULT_BODY_LIMIT = 64 * 1024;
    public static final double DEFAULT_FALLBACK_THRESHOLD = 0.3;
    public static final int DEFAULT_TRAINING_BODY_LIMIT = 8 * 1024 * 1024;
    /**
     * Under a tenth of a second of waiting at the embedded default's measured ceiling (about 3,000
     * turns a second on the reference machine, docs/benchmarks.md), while a deployment whose turns
     * take 50 ms (a distant MongoDB) can still answer 5,000 a second.
     */
    public static final int DEFAULT_MAX_TURNS_IN_FLIGHT = 256;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(modelToken, "modelToken");
        Objects.requireNonNull(rasaUrl, "rasaUrl");
        Objects.requireNonNull(jwtSecret, "jwtSecret");
        Objects.requireNonNull(adminUser, "adminUser");
        Objects.requireNonNull(adminPassword, "adminPassword");
        Objects.requireNonNull(redisUrl, "redisUrl");
        Objects.requireNonNull(redisNamespace, "redisNamespace");
        Objects.requireNonNull(mongodbUri, "mongodbUri");
        Objects.requireNonNull(mongodbDatabase, "mongodbDatabase");
        Objects.requireNonNull(modelDirectory, "modelDirectory");
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(whatsapp, "whatsapp");
        Objects.requireNonNull(voice, "voice");
    }

    public static ServerConfig fromEnvironment(Map<String, String> environment) {
        Optional<String[]> admin = admin(environment);
        Path dataDirectory = Path.of(environment.getOrDefault("SIGNPOST_DATA_DIR", "data"));
        return new ServerConfig(
                integer(environment, "PORT", DEFAULT_PORT, 0, 65_535),
                environment.getOrDefault("HOST", "0.0.0.0"),
                dataDirectory,
                integer(environment, "SIGNPOST_BODY_LIMIT", DEFAULT_BODY_LIMIT, 1_024, 16 * 1024 * 1024),
                decimal(environment, "NLU_FALLBACK_THRESHOLD", DEFAULT_FALLBACK_THRESHOLD),
                secret(environment, "SIGNPOST_MODEL_TOKEN", 16),
                integer(environment, "SIGNPOST_TRAINING_BODY_LIMIT", DEFAULT_TRAINING_BODY_LIMIT, 1_024, 256 * 1024 * 1024),
                rasa(environment),
                integer(environment, "RASA_TIMEOUT_MS", 2_000, 50, 60_000),
                secret(environment, "SIGNPOST_JWT_SECRET", 32),
                admin.map(pair -> pair[0]),
                admin.map(pair -> pair[1]),
                redis(environment),
                environment.getOrDefault("REDIS_NAMESPACE", Redis.DEFAULT_NAMESPACE),
                mongodb(environment),
                database(environment),
                Path.of(environment.getOrDefault("SIGNPOST_MODEL_DIR", dataDirectory.resolve("models").toString())),
                integer(environment, "SIGNPOST_TRANSCRIPT_RETENTION_DAYS", 90, 1, 36_500),
                integer(environment, "SIGNPOST_REFERRAL_RETENTION_DAYS", 730, 1, 36_500),
                ChatSettings.DEFAULTS
                        .withIdleTimeout(Duration.ofSeconds(integer(environment, "SIGNPOST_CHAT_IDLE_SECONDS", 1_800, 1, 86_400)))
                        .withAllowedOrigins(widgetOrigins(environment)),
                integer(environment, "SIGNPOST_MAX_TURNS_IN_FLIGHT", DEFAULT_MAX_TURNS_IN_FLIGHT, 1, 1_000_000),
                whatsapp(environment),
                voice(environment, dataDirectory, integer(environment, "PORT", DEFAULT_PORT, 0, 65_535)));
    }

    private static Optional<String> mongodb(Map<String, String> environment) {
        String uri = environment.get("MONGODB_URI");
        if (uri == null || uri.isBlank()) {
            return Optional.empty();
        }
        if (!uri.startsWith("mongodb://") && !uri.startsWith("mongodb+srv://")) {
            throw new InvalidConfigException("MONGODB_URI must look like mongodb://host:27017, was '" + uri + "'");
        }
        return Optional.of(uri.strip());
    }

    private static String database(Map<String, String> environment) {
        String name = environment.getOrDefault("MONGODB_DATABASE", "signpost").strip();
        if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new InvalidConfigException("MONGODB_DATABASE must be letters, digits, _ or -, was '" + name + "'");
        }
        return name;
    }

    private static Optional<String> redis(Map<String, String> environment) {
        String url = environment.get("REDIS_URL");
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
            throw new InvalidConfigException("REDIS_URL must look like redis://host:6379, was '" + url + "'");
        }
        return Optional.of(url.strip());
    }

    private static Optional<String> secret(Map<String, String> environment, String name, int minimum) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        if (value.strip().length() < minimum) {
            throw new InvalidConfigException(name + " must be at least " + minimum + " characters long");
        }
        return Optional.of(value.strip());
    }

    private static Optional<String[]> admin(Map<String, String> environment) {
        String user = environment.get("SIGNPOST_ADMIN_USER");
        String password = environment.get("SIGNPOST_ADMIN_PASSWORD");
        boolean hasUser = user != null && !user.isBlank();
        boolean hasPassword = password != null && !password.isEmpty();
        if (hasUser != hasPassword) {
            throw new InvalidConfigException("set both SIGNPOST_ADMIN_USER and SIGNPOST_ADMIN_PASSWORD, or neither");
        }
        if (!hasUser) {
            return Optional.empty();
        }
        if (password.length() < 12) {
            throw new InvalidConfigException("SIGNPOST_ADMIN_PASSWORD must be at least 12 characters long");
        }
        return Optional.of(new String[] {user.strip(), password});
    }

    private static final List<String> WHATSAPP_SECRETS = List.of("WHATSAPP_VERIFY_TOKEN", "WHATSAPP_APP_SECRET",
            "WHATSAPP_ACCESS_TOKEN", "WHATSAPP_PHONE_NUMBER_ID");

    /** All four secrets turn the channel on; some of them is a mistake worth stopping for. */
    private static Optional<WhatsAppSettings> whatsapp(Map<String, String> environment) {
        List<String> missing = WHATSAPP_SECRETS.stream()
                .filter(name -> environment.getOrDefault(name, "").isBlank()).toList();
        if (missing.size() == WHATSAPP_SECRETS.size()) {
            return Optional.empty();
        }
        if (!missing.isEmpty()) {
            throw new InvalidConfigException("the WhatsApp channel needs " + String.join(", ", missing) + " as well");
        }
        String phoneNumberId = environment.get("WHATSAPP_PHONE_NUMBER_ID").strip();
        if (!phoneNumberId.matches("[0-9]{1,32}")) {
            throw new InvalidConfigException("WHATSAPP_PHONE_NUMBER_ID must be the digits Meta shows for the number");
        }
        String version = environment.getOrDefault("WHATSAPP_API_VERSION", WhatsAppSettings.DEFAULT_API_VERSION).strip();
        if (!version.matches("v[0-9]{1,3}\\.[0-9]{1,3}")) {
            throw new InvalidConfigException("WHATSAPP_API_VERSION must look like v23.0, was '" + version + "'");
        }
        URI graph = httpUrl(environment, "WHATSAPP_GRAPH_URL").orElse(WhatsAppSettings.META_GRAPH_URL);
        String template = environment.getOrDefault("WHATSAPP_REOPEN_TEMPLATE", WhatsAppSettings.DEFAULT_REOPEN_TEMPLATE).strip();
        return Optional.of(WhatsAppSettings.of(environment.get("WHATSAPP_VERIFY_TOKEN"), environment.get("WHATSAPP_APP_SECRET"),
                        environment.get("WHATSAPP_ACCESS_TOKEN").strip(), phoneNumberId)
                .withGraphUrl(graph, version)
                .withMessagesPerSecond(integer(environment, "WHATSAPP_MESSAGES_PER_SECOND",
                        WhatsAppSettings.DEFAULT_MESSAGES_PER_SECOND, 1, 1_000))
                .withSettleTime(Duration.ofMillis(integer(environment, "WHATSAPP_SETTLE_MS",
                        (int) WhatsAppSettings.DEFAULT_SETTLE_TIME.toMillis(), 0, 10_000)))
                .withReopenTemplate(template, environment.getOrDefault("WHATSAPP_TEMPLATE_LANGUAGE", "en_GB").strip()));
    }

    /** On by default, as the phone line is part of the product; FASTAGI_PORT=0 turns it off. */
    private static Optional<VoiceSettings> voice(Map<String, String> environment, Path dataDirectory, int httpPort) {
        int port = integer(environment, "FASTAGI_PORT", VoiceSettings.DEFAULT_PORT, 0, 65_535);
        if (port == 0) {
            return Optional.empty();
        }
        if (port == httpPort) {
            throw new InvalidConfigException("FASTAGI_PORT and PORT are both " + port + ": the phone line needs a port of its own");
        }
        Path spool = Path.of(environment.getOrDefault("VOICE_SPOOL_DIR", dataDirectory.resolve("voice-spool").toString()).strip())
                .toAbsolutePath();
        String queue = environment.getOrDefault("VOICE_QUEUE", VoiceSettings.DEFAULT_QUEUE).strip();
        if (!VoiceSettings.isQueueName(queue)) {
            throw new InvalidConfigException("VOICE_QUEUE must be an Asterisk queue name (letters, digits, _ or -), was '" + queue + "'");
        }
        VoiceSettings configured = VoiceSettings.of(port, spool)
                .withListener(address(environment, "FASTAGI_HOST", "127.0.0.1"), asterisks(environment))
                .withNavigatorQueue(queue)
                .withMaxCalls(integer(environment, "VOICE_MAX_CALLS", VoiceSettings.DEFAULT_MAX_CALLS, 1, 5_000))
                .withMinimumConfidence((float) decimal(environment, "VOICE_MIN_CONFIDENCE", VoiceSettings.DEFAULT_MINIMUM_CONFIDENCE));
        VoiceSettings settings = ami(environment).map(configured::withAmi).orElse(configured);
        String plaintext = environment.getOrDefault("SPEECH_PLAINTEXT", "false").strip();
        if (!plaintext.equals("true") && !plaintext.equals("false")) {
            throw new InvalidConfigException("SPEECH_PLAINTEXT must be true or false, was '" + plaintext + "'");
        }
        String endpoint = environment.getOrDefault("SPEECH_ENDPOINT", "").strip();
        if (endpoint.isEmpty() && plaintext.equals("true")) {
            throw new InvalidConfigException("SPEECH_PLAINTEXT=true is for a private or test SPEECH_ENDPOINT: set that too");
        }
        boolean credentials = !environment.getOrDefault("GOOGLE_APPLICATION_CREDENTIALS", "").isBlank();
        if (endpoint.isEmpty() && !credentials) {
            return Optional.of(settings);
        }
        String speech = endpoint.isEmpty() ? SpeechSettings.GOOGLE_ENDPOINT : endpoint;
        try {
            // Checked here as the line will use it, so a mistake stops start-up rather than speech.
            new SpeechSettings(speech, plaintext.equals("true"), SpeechSettings.DEFAULT_TIMEOUT, List.of());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("SPEECH_ENDPOINT: " + e.getMessage());
        }
        return Optional.of(settings.withSpeech(speech, plaintext.equals("true")));
    }

    /** An IP address, written as one: a host name would be looked up, and could change under the line. */
    private static InetAddress address(Map<String, String> environment, String name, String fallback) {
        String value = environment.getOrDefault(name, fallback).strip();
        return ipAddress(value).orElseThrow(() -> new InvalidConfigException(name + " must be an IP address, was '" + value + "'"));
    }

    private static Optional<InetAddress> ipAddress(String value) {
        if (!value.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            return Optional.empty();
        }
        try {
            // A literal address is parsed, never looked up.
            return Optional.of(InetAddress.getByName(value));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /**
     * WIDGET_ORIGINS: the websites whose pages may open the web chat, each as a browser names it in
     * {@code Origin}: scheme, host and a port other than the scheme's own, lower case.
     */
    private static Set<String> widgetOrigins(Map<String, String> environment) {
        return commaSeparated(environment, "WIDGET_ORIGINS", ServerConfig::origin,
                "the websites the chat widget is on, such as https://www.dudley.gov.uk");
    }

    private static Optional<String> origin(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                    && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare) {
                return Optional.empty();
            }
            int defaultPort = scheme.equals("https") ? 443 : 80;
            String port = uri.getPort() == -1 || uri.getPort() == defaultPort ? "" : ":" + uri.getPort();
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** FASTAGI_ALLOW: the addresses of the Asterisks that may place calls, besides the same host. */
    private static Set<InetAddress> asterisks(Map<String, String> environment) {
        return commaSeparated(environment, "FASTAGI_ALLOW", ServerConfig::ipAddress, "the IP addresses of your Asterisk servers");
    }

    /** A comma-separated variable, each entry read by {@code read}; an entry it cannot read stops start-up. */
    private static <T> Set<T> commaSeparated(Map<String, String> environment, String name, Function<String, Optional<T>> read,
            String expected) {
        Set<T> values = new LinkedHashSet<>();
        for (String entry : environment.getOrDefault(name, "").split(",")) {
            String value = entry.strip();
            if (!value.isEmpty()) {
                values.add(read.apply(value).orElseThrow(() -> new InvalidConfigException(
                        name + " must list " + expected + ", separated by commas; '" + value + "' is not one")));
            }
        }
        return values;
    }

    private static final List<String> AMI_ACCOUNT = List.of("AMI_HOST", "AMI_USER", "AMI_SECRET");

    /** Host, user and secret turn AMI on; some of them is a mistake worth stopping for. */
    private static Optional<AmiSettings> ami(Map<String, String> environment) {
        List<String> missing = AMI_ACCOUNT.stream().filter(name -> environment.getOrDefault(name, "").isBlank()).toList();
        if (missing.size() == AMI_ACCOUNT.size()) {
            if (!environment.getOrDefault("AMI_PORT", "").isBlank()) {
                throw new InvalidConfigException("AMI_PORT is set, but not AMI_HOST, AMI_USER and AMI_SECRET: set them all to"
                        + " hear queue pickups, or none");
            }
            return Optional.empty();
        }
        if (!missing.isEmpty()) {
            throw new InvalidConfigException("hearing the navigators' queue over AMI needs " + String.join(", ", missing)
                    + " as well");
        }
        return Optional.of(new AmiSettings(environment.get("AMI_HOST").strip(),
                integer(environment, "AMI_PORT", AmiSettings.DEFAULT_PORT, 1, 65_535), environment.get("AMI_USER").strip(),
                environment.get("AMI_SECRET")));
    }

    private static Optional<URI> rasa(Map<String, String> environment) {
        String backend = environment.getOrDefault("NLU_BACKEND", "local").strip();
        if (backend.isEmpty() || backend.equals("local")) {
            return Optional.empty();
        }
        if (!backend.equals("rasa")) {
            throw new InvalidConfigException("NLU_BACKEND must be local or rasa, was '" + backend + "'");
        }
        if (environment.getOrDefault("RASA_URL", "").isBlank()) {
            throw new InvalidConfigException("NLU_BACKEND=rasa needs RASA_URL, such as http://localhost:5005");
        }
        return httpUrl(environment, "RASA_URL");
    }

    private static Optional<URI> httpUrl(Map<String, String> environment, String name) {
        String url = environment.get(name);
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url.strip());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(url, "not an http(s) URL with a host");
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw new InvalidConfigException(name + " must be an http(s) URL, was '" + url + "'");
        }
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(newPort, host, dataDirectory, bodyLimit, fallbackThreshold, modelToken, trainingBodyLimit, rasaUrl,
                rasaTimeoutMillis, jwtSecret, adminUser, adminPassword,
                redisUrl, redisNamespace, mongodbUri, mongodbDatabase, modelDirectory,
                transcriptRetentionDays, referralRetentionDays, chat, maxTurnsInFlight, whatsapp, voice);
    }

    /** The same, with its own data directory but a shared model cache (tests start many servers). */
    public ServerConfig withDirectories(Path data, Path models) {
        return new ServerConfig(port, host, data, bodyLimit, fallbackThreshold, modelToken, trainingBodyLimit, rasaUrl,
                rasaTimeoutMillis, jwtSecret, adminUser, adminPassword, redisUrl, redisNamespace, mongodbUri, mongodbDatabase,
                models, transcriptRetentionDays, referralRetentionDays, chat, maxTurnsInFlight, whatsapp, voice);
    }

    public ServerConfig withVoice(Optional<VoiceSettings> phoneLine) {
        return new ServerConfig(port, host, dataDirectory, bodyLimit, fallbackThreshold, modelToken, trainingBodyLimit, rasaUrl,
                rasaTimeoutMillis, jwtSecret, adminUser, adminPassword, redisUrl, redisNamespace, mongodbUri, mongodbDatabase,
                modelDirectory, transcriptRetentionDays, referralRetentionDays, chat, maxTurnsInFlight, whatsapp, phoneLine);
    }

    public ServerConfig withModelToken(String token) {
        return new ServerConfig(port, host, dataDirectory, bodyLimit, fallbackThreshold, Optional.of(token),
                trainingBodyLimit, rasaUrl, rasaTimeoutMillis, jwtSecret, adminUser, adminPassword,
                redisUrl, redisNamespace, mongodbUri, mongodbDatabase, modelDirectory,
                transcriptRetentionDays, referralRetentionDays, chat, maxTurnsInFlight, whatsapp, voice);
    }

    private static int integer(Map<String, String> environment, String name, int otherwise, int min, int max) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < min || parsed > max) {
                throw new InvalidConfigException(name + " must be between " + min + " and " + max + ", was " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(name + " must be a whole number, was '" + value + "'");
        }
    }

    private static double decimal(Map<String, String> environment, String name, double otherwise) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            double parsed = Double.parseDouble(value.strip());
            if (!(parsed >= 0 && parsed <= 1)) {
                throw new InvalidConfigException(name + " must be between 0 and 1, was " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(name + " must be a number between 0 and 1, was '" + value + "'");
        }
    }

    /** A configuration value that cannot be used. */
    public static final class InvalidConfigException extends SignpostException {
        public InvalidConfigException(String message) {
            super(message);
        }
    }
}
