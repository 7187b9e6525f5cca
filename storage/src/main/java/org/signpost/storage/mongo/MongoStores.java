package org.signpost.storage.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndDeleteOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.signpost.content.SourceLocation;
import org.signpost.core.conversation.Conversations;
import org.signpost.core.directory.Availability;
import org.signpost.core.directory.ContactDetails;
import org.signpost.core.directory.OpeningHours;
import org.signpost.core.directory.Service;
import org.signpost.core.directory.ServiceDirectory;
import org.signpost.core.event.ConversationEvent;
import org.signpost.core.feedback.Feedback;
import org.signpost.core.feedback.FeedbackLog;
import org.signpost.core.gap.CapacityGap;
import org.signpost.core.gap.CapacityGapLog;
import org.signpost.core.message.Channel;
import org.signpost.core.referral.DuplicateReferenceException;
import org.signpost.core.referral.Referral;
import org.signpost.core.referral.ReferralStatus;
import org.signpost.core.referral.ReferralStore;
import org.signpost.core.staff.AuditEntry;
import org.signpost.core.staff.AuditLog;
import org.signpost.core.staff.Role;
import org.signpost.core.staff.StaffDirectory;
import org.signpost.core.staff.StaffUser;
import org.signpost.storage.EncodedAppends;
import org.signpost.storage.EventCodec;
import org.signpost.storage.SharedSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MongoDB implementations of bot-core's durable store ports, one collection each:
 * {@code conversations}, {@code referrals}, {@code services}, {@code feedback},
 * {@code capacity_gaps}, {@code audit} and {@code staff}. Documents use snake_case keys; ids that
 * must be unique (referral references, service ids, usernames) are the documents' {@code _id}.
 * Indexes are created when a store is made (at start-up). Constructors block: call them there.
 */
public final class MongoStores {

    private MongoStores() {
    }

    /** Every document of {@code collection} in {@code order}, decoded. Blocking: call inside {@link Mongo#call}. */
    private static <T> List<T> findAll(MongoCollection<Document> collection, Bson order, Function<Document, T> decode) {
        List<T> all = new ArrayList<>();
        collection.find().sort(order).forEach(doc -> all.add(decode.apply(doc)));
        return all;
    }

    /** Every document of {@code collection} in the order they were stored, decoded. Blocking. */
    private static <T> List<T> findAll(MongoCollection<Document> collection, Function<Document, T> decode) {
        List<T> all = new ArrayList<>();
        collection.find().forEach(doc -> all.add(decode.apply(doc)));
        return all;
    }

    /** The document with {@code _id} {@code id}, decoded. Blocking: call inside {@link Mongo#call}. */
    private static <T> Optional<T> findById(MongoCollection<Document> collection, String id, Function<Document, T> decode) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", id)).first()).map(decode);
    }

    /**
     * Conversation event logs. A conversation is a head in {@code conversations} (its id, when it
     * last had an event, and the ids of its stored turns in order) and a document per stored turn
     * in {@code conversation_turns} ({@code _id} the conversation's id, a slash and the turn's, and
     * the turn's encoded events). A turn is written once and never rewritten, so storing a turn
     * costs what the turn holds, not what the whole conversation holds: with the events in one
     * growing document, every turn re-encoded all earlier ones, and a long conversation's turns
     * got slower and slower. Every document is found by {@code _id}, the only index the embedded
     * store uses. Heads written before turns had documents of their own keep those events in
     * {@code events}; they come first.
     */
    public static final class Trackers implements EncodedAppends {
        private static final Logger LOG = LoggerFactory.getLogger(Trackers.class);
        /** Ids per query when retention deletes turns or looks up the heads that name them. */
        private static final int IDS_PER_QUERY = 1_000;

        private final Mongo mongo;
        private final MongoCollection<Document> conversations;
        private final MongoCollection<Document> turns;
        private final BatchedAppends appends;

        /** Whether {@code mongo}'s database holds conversations (before any {@code Trackers} made it). Blocking. */
        public static boolean present(Mongo mongo) {
            return mongo.database().listCollectionNames().into(new ArrayList<>()).contains("conversations");
        }

        /** Drops every conversation and the collections that held them. Blocking. */
        public void drop() {
            turns.drop();
            conversations.drop();
        }

        /** Blocking (the indexes): call at start. */
        public Trackers(Mongo mongo) {
            this.mongo = mongo;
            this.conversations = mongo.database().getCollection("conversations");
            this.turns = mongo.database().getCollection("conversation_turns");
            conversations.createIndex(Indexes.ascending("last_event_at"));
            turns.createIndex(Indexes.ascending("at"));
            this.appends = new BatchedAppends(mongo, conversations, turns);
        }

        @Override
        public Future<List<ConversationEvent>> load(String conversationId) {
            return mongo.call(() -> {
                Document head = conversations.find(Filters.eq("_id", conversationId)).first();
                if (head == null) {
                    return List.of();
                }
                List<String> encoded = new ArrayList<>(head.getList("events", String.class, List.of()));
                List<String> turnIds = head.getList("turns", String.class, List.of());
                if (!turnIds.isEmpty()) {
                    Map<String, List<String>> stored = new HashMap<>();
                    turns.find(Filters.in("_id", turnIds))
                            .forEach(turn -> stored.put(turn.getString("_id"), turn.getList("events", String.class)));
                    for (String turnId : turnIds) {
                        List<String> turn = stored.get(turnId);
                        if (turn == null) {
                            // Turns are written before their head names them: only damage outside Signpost gets here.
                            LOG.warn("Conversation {} names a stored turn that is missing; loaded without it",
                                    Conversations.reference(conversationId));
                            continue;
                        }
                        encoded.addAll(turn);
                    }
                }
                return EventCodec.decodeAll(encoded);
            });
        }

        @Override
        public Future<Void> append(String conversationId, List<ConversationEvent> events) {
            return append(conversationId, events, EventCodec.encodeAll(events));
        }

        @Override
        public Future<Void> append(String conversationId, List<ConversationEvent> events, List<String> encoded) {
            if (events.isEmpty()) {
                return Future.succeededFuture();
            }
            return appends.append(conversationId, encoded, Date.from(events.get(events.size() - 1).at()));
        }

        /**
         * Deletes the heads idle since {@code cutoff}, each with its turns, one at a time: a head
         * that someone wrote to meanwhile is no longer idle, and keeps its turns. Then the turns
         * older than the cutoff that no head names (their conversation's head was not updated when
         * they were written, or was deleted before them by a crash).
         */
        @Override
        public Future<Integer> deleteIdleSince(Instant cutoff) {
            return mongo.write(() -> {
                Bson idle = Filters.lt("last_event_at", Date.from(cutoff));
                List<String> ids = new ArrayList<>();
                conversations.find(idle).projection(Projections.include("_id")).forEach(head -> ids.add(head.getString("_id")));
                int deleted = 0;
                for (String id : ids) {
                    Document head = conversations.findOneAndDelete(Filters.and(Filters.eq("_id", id), idle),
                            new FindOneAndDeleteOptions().projection(Projections.include("turns")));
                    if (head != null) {
                        deleted++;
                        deleteTurns(namedTurns(head));
                    }
                }
                deleteTurnsNoHeadNames(Filters.lt("at", Date.from(cutoff)));
                return deleted;
            });
        }

        /** Deletes the turns matching {@code which} that no head names; returns how many. */
        private int deleteTurnsNoHeadNames(Bson which) {
            Map<String, List<String>> oldByConversation = new HashMap<>();
            turns.find(which).projection(Projections.include("_id")).forEach(turn -> {
                String turnId = turn.getString("_id");
                oldByConversation.computeIfAbsent(turnId.substring(0, turnId.lastIndexOf('/')), id -> new ArrayList<>()).add(turnId);
            });
            List<String> unnamed = new ArrayList<>();
            List<String> ids = List.copyOf(oldByConversation.keySet());
            // Their heads a chunk at a time: at start that is every conversation, one query each was seconds.
            for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
                Map<String, Set<String>> namedBy = new HashMap<>();
                conversations.find(Filters.in("_id", chunk)).projection(Projections.include("turns"))
                        .forEach(head -> namedBy.put(head.getString("_id"), Set.copyOf(namedTurns(head))));
                for (String id : chunk) {
                    Set<String> named = namedBy.getOrDefault(id, Set.of());
                    oldByConversation.get(id).stream().filter(turnId -> !named.contains(turnId)).forEach(unnamed::add);
                }
            }
            deleteTurns(unnamed);
            return unnamed.size();
        }

        /** The turns a head names; none if its list is damaged (retention must still get through). */
        private static List<String> namedTurns(Document head) {
            return head.get("turns") instanceof List<?> turns
                    ? turns.stream().filter(String.class::isInstance).map(String.class::cast).toList() : List.of();
        }

        private void deleteTurns(List<String> turnIds) {
            for (int from = 0; from < turnIds.size(); from += IDS_PER_QUERY) {
                turns.deleteMany(Filters.in("_id", turnIds.subList(from, Math.min(turnIds.size(), from + IDS_PER_QUERY))));
            }
        }

        @Override
        public Future<List<String>> conversationIds() {
            return mongo.call(() -> {
                List<String> ids = new ArrayList<>();
                conversations.find().projection(Projections.include("_id")).forEach(doc -> ids.add(doc.getString("_id")));
                return ids;
            });
        }
    }

    /** Referrals, by reference. */
    public static final class Referrals implements ReferralStore {
        private final Mongo mongo;
        private final MongoCollection<Document> referrals;

        public Referrals(Mongo mongo) {
            this.mongo = mongo;
            this.referrals = mongo.database().getCollection("referrals");
            referrals.createIndex(Indexes.ascending("created_at"));
            referrals.createIndex(Indexes.ascending("status", "service_id"));
        }

        @Override
        public Future<Void> save(Referral referral) {
            return mongo.write(() -> {
                try {
                    referrals.insertOne(encode(referral));
                    return null;
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                        throw new DuplicateReferenceException(referral.reference());
                    }
                    throw e;
                }
            });
        }

        @Override
        public Future<Optional<Referral>> find(String reference) {
            return mongo.call(() -> findById(referrals, reference, Referrals::decode));
        }

        @Override
        public Future<List<Referral>> all() {
            return mongo.call(() -> findAll(referrals, Sorts.ascending("created_at"), Referrals::decode));
        }

        @Override
        public Future<Integer> deleteCreatedBefore(Instant cutoff) {
            return mongo.write(() -> (int) referrals.deleteMany(Filters.lt("created_at", Date.from(cutoff))).getDeletedCount());
        }

        @Override
        public Future<Optional<Referral>> updateStatus(String reference, ReferralStatus status) {
            return mongo.write(() -> {
                referrals.updateOne(Filters.eq("_id", reference), Updates.set("status", status.id()));
                return findById(referrals, reference, Referrals::decode);
            });
        }

        static Document encode(Referral referral) {
            return new Document("_id", referral.reference()).append("service_id", referral.serviceId())
                    .append("service_name", referral.serviceName()).append("route", referral.route())
                    .append("details", new Document(new LinkedHashMap<String, Object>(referral.details())))
                    .append("status", referral.status().id()).append("created_at", Date.from(referral.createdAt()))
                    .append("conversation", referral.conversationId()).append("channel", referral.channel().id());
        }

        static Referral decode(Document doc) {
            Map<String, String> details = new LinkedHashMap<>();
            doc.get("details", Document.class).forEach((key, value) -> details.put(key, String.valueOf(value)));
            return new Referral(doc.getString("_id"), doc.getString("service_id"), doc.getString("service_name"),
                    doc.getString("route"), details, ReferralStatus.fromId(doc.getString("status")),
                    doc.getDate("created_at").toInstant(), doc.getString("conversation"), Channel.fromId(doc.getString("channel")));
        }
    }

    /**
     * The directory: seeded once from the content, then kept as staff edit it. Every search reads
     * the whole directory, so one read is shared for a few seconds ({@link SharedSnapshot}); this
     * instance's own edits show at once, another instance's within {@link #CACHE_FOR}.
     */
    public static final class Directory implements ServiceDirectory {
        static final Duration CACHE_FOR = Duration.ofSeconds(5);
        private final Mongo mongo;
        private final MongoCollection<Document> services;
        private final SharedSnapshot<List<Service>> snapshot;

        public Directory(Mongo mongo) {
            this.mongo = mongo;
            this.services = mongo.database().getCollection("services");
            this.snapshot = new SharedSnapshot<>(() -> mongo.call(() -> List.copyOf(findAll(services, Directory::decode))), CACHE_FOR);
        }

        /** Fills an empty directory with the seed; a directory staff have edited is left alone. Blocking. */
        public Directory seedIfEmpty(List<Service> seed) {
            if (services.countDocuments() == 0 && !seed.isEmpty()) {
                services.insertMany(seed.stream().map(Directory::encode).toList());
            }
            return this;
        }

        @Override
        public Future<List<Service>> all() {
            return snapshot.get();
        }

        @Override
        public Future<Optional<Service>> find(String id) {
            return mongo.call(() -> findById(services, id, Directory::decode));
        }

        @Override
        public Future<Void> save(Service service) {
            return mongo.write(() -> {
                services.replaceOne(Filters.eq("_id", service.id()), encode(service), new ReplaceOptions().upsert(true));
                snapshot.invalidate();
                return null;
            });
        }

        @Override
        public Future<Boolean> delete(String id) {
            return mongo.write(() -> {
                boolean deleted = services.deleteOne(Filters.eq("_id", id)).getDeletedCount() > 0;
                snapshot.invalidate();
                return deleted;
            });
        }

        static Document encode(Service service) {
            Availability availability = service.availability();
            return new Document("_id", service.id()).append("name", service.name()).append("provider", service.provider())
                    .append("description", service.description()).append("categories", service.categories())
                    .append("localities", service.localities()).append("contact", service.contact())
                    .append("phone", service.channels().phone()).append("email", service.channels().email())
                    .append("web", service.channels().web()).append("address", service.channels().address())
                    .append("who_can_refer", service.whoCanRefer()).append("age_range", service.ageRange())
                    .append("eligibility", service.eligibility()).append("verified", service.verified())
                    .append("opening_hours", service.openingHours().written())
                    .append("availability", availability.reported() ? new Document("accepting_referrals",
                            availability.acceptingReferrals()).append("wait_weeks", availability.waitWeeks())
                            .append("note", availability.note()).append("updated_at", Date.from(availability.updatedAt()))
                            .append("updated_by", availability.updatedBy()) : null);
        }

        static Service decode(Document doc) {
            List<String> hours = doc.getList("opening_hours", String.class, List.of());
            Document availability = doc.get("availability", Document.class);
            return new Service(doc.getString("_id"), doc.getString("name"), doc.getString("provider"),
                    doc.getString("description"), doc.getList("categories", String.class), doc.getList("localities", String.class),
                    doc.getString("contact"), new ContactDetails(text(doc, "phone"), text(doc, "email"), text(doc, "web"),
                            text(doc, "address")), doc.getString("who_can_refer"), doc.getString("age_range"),
                    text(doc, "eligibility"), doc.getBoolean("verified", false),
                    hours.isEmpty() ? OpeningHours.UNKNOWN : OpeningHours.parse(hours),
                    availability == null ? Availability.NOT_REPORTED : new Availability(
                            availability.getBoolean("accepting_referrals"), availability.getInteger("wait_weeks"),
                            availability.getString("note"), availability.getDate("updated_at").toInstant(),
                            availability.getString("updated_by")),
                    new SourceLocation("mongodb services", 0));
        }

        private static String text(Document doc, String key) {
            String value = doc.getString(key);
            return value == null ? "" : value;
        }
    }

    /** Friends and Family Test answers. */
    public static final class FeedbackRecords implements FeedbackLog {
        private final Mongo mongo;
        private final MongoCollection<Document> feedback;

        public FeedbackRecords(Mongo mongo) {
            this.mongo = mongo;
            this.feedback = mongo.database().getCollection("feedback");
            feedback.createIndex(Indexes.ascending("at"));
        }

        @Override
        public Future<Void> record(Feedback given) {
            return mongo.write(() -> {
                feedback.insertOne(new Document("rating", given.rating()).append("comment", given.comment())
                        .append("channel", given.channel().id()).append("at", Date.from(given.at())));
                return null;
            });
        }

        @Override
        public Future<List<Feedback>> all() {
            return mongo.call(() -> findAll(feedback, Sorts.ascending("at"), doc -> new Feedback(doc.getString("rating"),
                    doc.getString("comment"), Channel.fromId(doc.getString("channel")), doc.getDate("at").toInstant())));
        }
    }

    /** Needs Signpost could not meet. */
    public static final class Gaps implements CapacityGapLog {
        private final Mongo mongo;
        private final MongoCollection<Document> gaps;

        public Gaps(Mongo mongo) {
            this.mongo = mongo;
            this.gaps = mongo.database().getCollection("capacity_gaps");
            gaps.createIndex(Indexes.ascending("at"));
        }

        @Override
        public Future<Void> record(CapacityGap gap) {
            return mongo.write(() -> {
                gaps.insertOne(new Document("category", gap.category()).append("locality", gap.locality())
                        .append("reason", gap.reason().name()).append("at", Date.from(gap.at())));
                return null;
            });
        }

        @Override
        public Future<List<CapacityGap>> all() {
            return mongo.call(() -> findAll(gaps, Sorts.ascending("at"), doc -> new CapacityGap(doc.getString("category"),
                    doc.getString("locality"), CapacityGap.Reason.valueOf(doc.getString("reason")), doc.getDate("at").toInstant())));
        }
    }

    /** The audit log. */
    public static final class Audit implements AuditLog {
        private final Mongo mongo;
        private final MongoCollection<Document> audit;

        public Audit(Mongo mongo) {
            this.mongo = mongo;
            this.audit = mongo.database().getCollection("audit");
            audit.createIndex(Indexes.ascending("at"));
        }

        @Override
        public Future<Void> record(AuditEntry entry) {
            return mongo.write(() -> {
                audit.insertOne(new Document("who", entry.who()).append("action", entry.action())
                        .append("subject", entry.subject()).append("at", Date.from(entry.at())));
                return null;
            });
        }

        @Override
        public Future<List<AuditEntry>> all() {
            return mongo.call(() -> findAll(audit, Sorts.ascending("at"), doc -> new AuditEntry(doc.getString("who"),
                    doc.getString("action"), doc.getString("subject"), doc.getDate("at").toInstant())));
        }
    }

    /** Staff accounts, by username. */
    public static final class Staff implements StaffDirectory {
        private final Mongo mongo;
        private final MongoCollection<Document> staff;

        public Staff(Mongo mongo) {
            this.mongo = mongo;
            this.staff = mongo.database().getCollection("staff");
        }

        @Override
        public Future<Optional<StaffUser>> find(String username) {
            return mongo.call(() -> findById(staff, username, Staff::decode));
        }

        @Override
        public Future<Void> save(StaffUser user) {
            return mongo.write(() -> {
                staff.replaceOne(Filters.eq("_id", user.username()), new Document("_id", user.username())
                        .append("password_hash", user.passwordHash())
                        .append("roles", user.roles().stream().map(Role::id).sorted().toList()),
                        new ReplaceOptions().upsert(true));
                return null;
            });
        }

        @Override
        public Future<List<StaffUser>> all() {
            return mongo.call(() -> findAll(staff, Staff::decode));
        }

        static StaffUser decode(Document doc) {
            Set<Role> roles = doc.getList("roles", String.class).stream().map(Role::fromId).collect(Collectors.toSet());
            return new StaffUser(doc.getString("_id"), doc.getString("password_hash"), roles);
        }
    }
}
