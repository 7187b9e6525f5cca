package org.signpost.connectors.whatsapp;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How Signpost reaches its WhatsApp number: the secrets Meta gives a WhatsApp Business app, where
 * the Graph API is, and how fast to send.
 *
 * @param verifyToken what Meta sends back when subscribing the webhook
 * @param appSecret the key of every webhook's {@code X-Hub-Signature-256}
 * @param accessToken the bearer token for sending
 * @param graphUrl the Graph API base (Meta's, or a local fake in tests)
 * @param messagesPerSecond the number's throughput (Meta's default is 80 messages a second)
 * @param settleTime how long a person's first message waits for any sent just before it that
 *     arrives later: webhooks may arrive out of order, and a person's messages are handled in the
 *     order they were sent
 * @param reopenTemplate the approved template sent when a reply is due after the 24-hour window has
 *     closed; it asks the person to write again, and the replies kept back follow when they do
 */
public record WhatsAppSettings(String verifyToken, String appSecret, String accessToken, String phoneNumberId,
        URI graphUrl, String apiVersion, int messagesPerSecond, Duration settleTime, String reopenTemplate,
        String templateLanguage) {

    public static final URI META_GRAPH_URL = URI.create("https://graph.facebook.com");
    public static final String DEFAULT_API_VERSION = "v23.0";
    public static final int DEFAULT_MESSAGES_PER_SECOND = 80;
    public static final Duration DEFAULT_SETTLE_TIME = Duration.ofMillis(300);
    public static final String DEFAULT_REOPEN_TEMPLATE = "signpost_reply_waiting";

    public WhatsAppSettings {
        Objects.requireNonNull(verifyToken, "verifyToken");
        Objects.requireNonNull(appSecret, "appSecret");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(phoneNumberId, "phoneNumberId");
        Objects.requireNonNull(graphUrl, "graphUrl");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(settleTime, "settleTime");
        Objects.requireNonNull(reopenTemplate, "reopenTemplate");
        Objects.requireNonNull(templateLanguage, "templateLanguage");
        if (messagesPerSecond < 1) {
            throw new IllegalArgumentException("messagesPerSecond must be positive, was " + messagesPerSecond);
        }
        if (!phoneNumberId.matches("[0-9]{1,32}")) {
            throw new IllegalArgumentException("the phone number id is the digits Meta shows for the number, was '" + phoneNumberId + "'");
        }
    }

    /** Meta's defaults for everything but the four secrets. */
    public static WhatsAppSettings of(String verifyToken, String appSecret, String accessToken, String phoneNumberId) {
        return new WhatsAppSettings(verifyToken, appSecret, accessToken, phoneNumberId, META_GRAPH_URL, DEFAULT_API_VERSION,
                DEFAULT_MESSAGES_PER_SECOND, DEFAULT_SETTLE_TIME, DEFAULT_REOPEN_TEMPLATE, "en_GB");
    }

    public WhatsAppSettings withGraphUrl(URI url, String version) {
        return new WhatsAppSettings(verifyToken, appSecret, accessToken, phoneNumberId, url, version, messagesPerSecond,
                settleTime, reopenTemplate, templateLanguage);
    }

    public WhatsAppSettings withMessagesPerSecond(int perSecond) {
        return new WhatsAppSettings(verifyToken, appSecret, accessToken, phoneNumberId, graphUrl, apiVersion, perSecond,
                settleTime, reopenTemplate, templateLanguage);
    }

    public WhatsAppSettings withSettleTime(Duration settle) {
        return new WhatsAppSettings(verifyToken, appSecret, accessToken, phoneNumberId, graphUrl, apiVersion,
                messagesPerSecond, settle, reopenTemplate, templateLanguage);
    }

    public WhatsAppSettings withReopenTemplate(String name, String language) {
        return new WhatsAppSettings(verifyToken, appSecret, accessToken, phoneNumberId, graphUrl, apiVersion,
                messagesPerSecond, settleTime, name, language);
    }

    /** Where messages are sent: {@code {graph}/{version}/{phone-number-id}/messages}. */
    public String messagesPath() {
        String base = graphUrl.getPath().replaceAll("/+$", "");
        return base + "/" + apiVersion + "/" + phoneNumberId + "/messages";
    }

    @Override
    public String toString() {
        // Never the secrets: settings end up in logs and stack traces.
        return "WhatsAppSettings[phoneNumberId=" + phoneNumberId + ", graphUrl=" + graphUrl + ", apiVersion=" + apiVersion
                + ", messagesPerSecond=" + messagesPerSecond + "]";
    }
}
