package org.signpost.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.signpost.content.SourceLocation;
import org.signpost.core.conversation.InMemoryTrackerStore;
import org.signpost.core.conversation.TrackerStore;
import org.signpost.core.event.ConversationEvent;
import org.signpost.core.directory.Availability;
import org.signpost.core.directory.ContactDetails;
import org.signpost.core.directory.InMemoryServiceDirectory;
import org.signpost.core.directory.OpeningHours;
import org.signpost.core.directory.Service;
import org.signpost.core.directory.ServiceDirectory;
import org.signpost.core.feedback.Feedback;
import org.signpost.core.feedback.FeedbackLog;
import org.signpost.core.feedback.InMemoryFeedbackLog;
import org.signpost.core.gap.CapacityGap;
import org.signpost.core.gap.CapacityGapLog;
import org.signpost.core.gap.InMemoryCapacityGapLog;
import org.signpost.core.message.Channel;
import org.signpost.core.referral.DuplicateReferenceException;
import org.signpost.core.referral.InMemoryReferralStore;
import org.signpost.core.referral.Referral;
import org.signpost.core.referral.ReferralStatus;
import org.signpost.core.referral.ReferralStore;
import org.signpost.core.staff.AuditEntry;
import org.signpost.core.staff.AuditLog;
import org.signpost.core.staff.InMemoryAuditLog;
import org.signpost.core.staff.InMemoryStaffDirectory;
import org.signpost.core.staff.Role;
import org.signpost.core.staff.StaffDirectory;
import org.signpost.core.staff.StaffUser;
import org.signpost.storage.mongo.EmbeddedMongo;
import org.signpost.storage.mongo.Mongo;
import org.signpost.storage.mongo.MongoStores;

/**
 * The durable stores' contract, on the in-memory stores and on MongoDB through the official
 * driver: a real MongoDB when {@code MONGODB_URI} is set, otherwise the in-process
 * mongo-java-server. Each run uses its own database.
 */
class MongoStoresIT {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    private static Vertx vertx;
    private static Mongo mongo;

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        mongo = TestMongo.connect(vertx);
    }

    @AfterAll
    static void drop() throws Exception {
        TestMongo.dropAndClose(mongo, vertx);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return TestMongo.await(future);
    }

    static Stream<Arguments> referralStores() {
        return Stream.of(Arguments.of("in memory", new InMemoryReferralStore()),
                Arguments.of("mongodb", new MongoStores.Referrals(mongo)));
    }

    static Stream<Arguments> trackerStores() {
        return Stream.of(Arguments.of("in memory", new InMemoryTrackerStore()), Arguments.of("mongodb", new MongoStores.Trackers(mongo)));
    }

    static Stream<Arguments> directories() {
        return Stream.of(Arguments.of("in memory", new InMemoryServiceDirectory(List.of())),
                Arguments.of("mongodb", new MongoStores.Directory(mongo)));
    }

    static Stream<Arguments> logs() {
        return Stream.of(Arguments.of("in memory", new InMemoryFeedbackLog(), new InMemoryCapacityGapLog(), new InMemoryAuditLog(),
                        new InMemoryStaffDirectory()),
                Arguments.of("mongodb", new MongoStores.FeedbackRecords(mongo), new MongoStores.Gaps(mongo),
                        new MongoStores.Audit(mongo), new MongoStores.Staff(mongo)));
    }

    private static Referral referral(String reference) {
        return new Referral(reference, "falls-prevention", "Dudley Falls Prevention Service", "self",
                Map.of("person_name", "Sam Jones", "date_of_birth", "1950-05-03"), ReferralStatus.NEW, T, "c1", Channel.WEB);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referralStores")
    void keepsReferralsByUniqueReference(String name, ReferralStore store) throws Exception {
        String reference = "SP-" + name.substring(0, 2).toUpperCase() + "0001";
        await(store.save(referral(reference)));

        assertThat(await(store.find(reference))).contains(referral(reference));
        assertThat(await(store.find("SP-NONE00"))).isEmpty();
        ExecutionException duplicate = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> await(store.save(referral(reference))));
        assertThat(duplicate.getCause()).isInstanceOf(DuplicateReferenceException.class);

        assertThat(await(store.updateStatus(reference, ReferralStatus.ACCEPTED))).map(Referral::status).contains(ReferralStatus.ACCEPTED);
        assertThat(await(store.all())).extracting(Referral::reference).contains(reference);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trackerStores")
    void keepsEveryEventInOrder(String name, TrackerStore store) throws Exception {
        String id = "mongo-contract-" + name;
        await(store.append(id, StoreContractIT.everyEvent().subList(0, 4)));
        await(store.append(id, StoreContractIT.everyEvent().subList(4, StoreContractIT.everyEvent().size())));

        assertThat(await(store.load(id))).isEqualTo(StoreContractIT.everyEvent());
        assertThat(await(store.conversationIds())).contains(id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trackerStores")
    void appendsMadeAtOnceAreAllKeptEachConversationInTheOrderTheyCame(String name, TrackerStore store) throws Exception {
        // Many appends at once share batches of writes: none may be lost, and a conversation's
        // appends within one batch must keep their order.
        List<ConversationEvent> events = StoreContractIT.everyEvent();
        List<Future<Void>> appends = new ArrayList<>();
        for (int conversation = 0; conversation < 60; conversation++) {
            for (ConversationEvent event : events) {
                appends.add(store.append("at-once-" + name + "-" + conversation, List.of(event)));
            }
        }
        await(Future.all(appends));
        for (int conversation = 0; conversation < 60; conversation++) {
            assertThat(await(store.load("at-once-" + name + "-" + conversation))).as("conversation " + conversation).isEqualTo(events);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directories")
    void keepsServicesWithTheirHoursAndAvailability(String name, ServiceDirectory directory) throws Exception {
        Service service = new Service("walking-group", "Walking group", "A charity", "Gentle walks.", List.of("falls"),
                List.of("Halesowen"), "01384 000000", new ContactDetails("01384 000000", "walks@example.org", "", ""),
                "self", "18+", "", true, OpeningHours.parse(List.of("Tue 10:00-12:00")), Availability.NOT_REPORTED,
                new SourceLocation("test", 1));
        await(directory.save(service));
        Service reported = service.withAvailability(new Availability(true, 3, "busy", T, "svc"));
        await(directory.save(reported));

        Service found = await(directory.find("walking-group")).orElseThrow();
        assertThat(found.availability()).isEqualTo(reported.availability());
        assertThat(found.openingHours().written()).containsExactly("Tue 10:00-12:00");
        assertThat(found.channels().email()).isEqualTo("walks@example.org");
        assertThat(await(directory.delete("walking-group"))).isTrue();
        assertThat(await(directory.delete("walking-group"))).isFalse();
        assertThat(await(directory.find("walking-group"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logs")
    void keepsFeedbackGapsAuditAndStaff(String name, FeedbackLog feedback, CapacityGapLog gaps, AuditLog audit,
            StaffDirectory staff) throws Exception {
        await(feedback.record(new Feedback("Very good", "kind staff", Channel.WHATSAPP, T)));
        await(gaps.record(new CapacityGap("physiotherapy", "Halesowen", CapacityGap.Reason.NO_SERVICE, T)));
        await(audit.record(new AuditEntry("nav", "read referral", "SP-7Q2K9X", T)));
        await(staff.save(new StaffUser("nav", "hash", Set.of(Role.NAVIGATOR, Role.SERVICE_ADMIN))));

        assertThat(await(feedback.all())).contains(new Feedback("Very good", "kind staff", Channel.WHATSAPP, T));
        assertThat(await(gaps.all())).contains(new CapacityGap("physiotherapy", "Halesowen", CapacityGap.Reason.NO_SERVICE, T));
        assertThat(await(audit.all())).contains(new AuditEntry("nav", "read referral", "SP-7Q2K9X", T));
        assertThat(await(staff.find("nav"))).contains(new StaffUser("nav", "hash", Set.of(Role.NAVIGATOR, Role.SERVICE_ADMIN)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("retentionStores")
    void retentionDeletesOldTranscriptsAndReferralsOnly(String name, TrackerStore trackers, ReferralStore referrals)
            throws Exception {
        String old = "old-" + name;
        String recent = "recent-" + name;
        await(trackers.append(old, List.of(new org.signpost.core.event.SessionStarted(T, Channel.WEB))));
        await(trackers.append(recent, List.of(new org.signpost.core.event.SessionStarted(T.plus(Duration.ofDays(40)),
                Channel.WEB))));
        await(referrals.save(new Referral("SP-OLD" + name.substring(0, 3).toUpperCase().replace(" ", "X"), "s", "S", "self",
                Map.of(), ReferralStatus.NEW, T, "c", Channel.WEB)));
        await(referrals.save(new Referral("SP-NEW" + name.substring(0, 3).toUpperCase().replace(" ", "X"), "s", "S", "self",
                Map.of(), ReferralStatus.NEW, T.plus(Duration.ofDays(400)), "c", Channel.WEB)));
        Clock later = Clock.fixed(T.plus(Duration.ofDays(45)), ZoneOffset.UTC);

        org.signpost.core.retention.Retention.Result result = await(new org.signpost.core.retention.Retention(trackers, referrals,
                Duration.ofDays(30), Duration.ofDays(30), later).run());

        assertThat(result.transcripts()).isGreaterThanOrEqualTo(1);
        assertThat(await(trackers.load(old))).isEmpty();
        assertThat(await(trackers.load(recent))).hasSize(1);
        assertThat(await(referrals.all())).extracting(Referral::reference).noneMatch(reference -> reference.startsWith("SP-OLD"))
                .anyMatch(reference -> reference.startsWith("SP-NEW"));
    }

    @Test
    void retentionLeavesNoStoredTurnOfADeletedConversation() throws Exception {
        MongoStores.Trackers trackers = new MongoStores.Trackers(mongo);
        await(trackers.append("retention-turns-old", List.of(new org.signpost.core.event.SessionStarted(T, Channel.WEB))));
        await(trackers.append("retention-turns-old", List.of(new org.signpost.core.event.SessionStarted(T, Channel.WEB))));
        await(trackers.append("retention-turns-new", List.of(new org.signpost.core.event.SessionStarted(T.plus(Duration.ofDays(40)),
                Channel.WEB))));
        org.bson.conversions.Bson ofOld = Filters.regex("_id", "^retention-turns-old/");
        assertThat(mongo.database().getCollection("conversation_turns").countDocuments(ofOld)).isEqualTo(2);

        assertThat(await(trackers.deleteIdleSince(T.plus(Duration.ofDays(30))))).isPositive();

        assertThat(mongo.database().getCollection("conversation_turns").countDocuments(ofOld)).isZero();
        assertThat(mongo.database().getCollection("conversation_turns")
                .countDocuments(Filters.regex("_id", "^retention-turns-new/"))).isEqualTo(1);
    }

    @Test
    void anAppendThatCannotBeStoredFailsAloneAndRetentionRemovesWhatItLeft() throws Exception {
        // A head damaged from outside: its turns are not a list, so naming a new turn in it fails.
        mongo.database().getCollection("conversations").insertOne(new org.bson.Document("_id", "damaged")
                .append("turns", "not a list").append("last_event_at", java.util.Date.from(T.plus(Duration.ofDays(400)))));
        MongoStores.Trackers trackers = new MongoStores.Trackers(mongo);
        List<ConversationEvent> events = StoreContractIT.everyEvent();

        // The first append is written at once; the next two wait and share the next batch.
        Future<Void> before = trackers.append("beside-damaged-1", events);
        Future<Void> damaged = trackers.append("damaged", events);
        Future<Void> after = trackers.append("beside-damaged-2", events);

        await(before);
        await(after);
        assertThat(org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> await(damaged)).getCause())
                .hasMessageContaining("appending to a conversation failed");
        assertThat(await(trackers.load("beside-damaged-1"))).isEqualTo(events);
        assertThat(await(trackers.load("beside-damaged-2"))).isEqualTo(events);
        org.bson.conversions.Bson ofDamaged = Filters.regex("_id", "^damaged/");
        assertThat(mongo.database().getCollection("conversation_turns").countDocuments(ofDamaged)).isEqualTo(1);

        await(trackers.deleteIdleSince(T.plus(Duration.ofDays(30))));

        assertThat(mongo.database().getCollection("conversation_turns").countDocuments(ofDamaged)).isZero();
        assertThat(mongo.database().getCollection("conversations").countDocuments(Filters.eq("_id", "damaged"))).isOne();
    }

    @Test
    void aConversationStoredAsOneDocumentStillLoadsAndGrows() throws Exception {
        // Conversations written before turns had documents of their own keep their events in the head.
        List<ConversationEvent> events = StoreContractIT.everyEvent();
        mongo.database().getCollection("conversations").insertOne(new org.bson.Document("_id", "one-document")
                .append("events", EventCodec.encodeAll(events.subList(0, 3)))
                .append("last_event_at", java.util.Date.from(T)));
        MongoStores.Trackers trackers = new MongoStores.Trackers(mongo);

        await(trackers.append("one-document", events.subList(3, events.size())));

        assertThat(await(trackers.load("one-document"))).isEqualTo(events);
    }

    static Stream<Arguments> retentionStores() {
        return Stream.of(Arguments.of("in memory", new InMemoryTrackerStore(), new InMemoryReferralStore()),
                Arguments.of("mongodb", new MongoStores.Trackers(mongo), new MongoStores.Referrals(mongo)));
    }

    @Test
    void aWriteOnTheEmbeddedStoreCompletesOnlyOnceItsFileHoldsIt(@org.junit.jupiter.api.io.TempDir Path directory)
            throws Exception {
        // What a killed process leaves is the file as it is when the write is acknowledged: a copy
        // taken then must hold every write acknowledged, concurrent ones sharing commits included.
        Path file = directory.resolve("signpost.mv");
        Path copy = directory.resolve("copy.mv");
        List<String> references = IntStream.range(0, 40).mapToObj(i -> String.format("SP-DUR%03d", i)).toList();
        try (EmbeddedMongo embedded = EmbeddedMongo.start(file);
                Mongo writer = Mongo.connect(vertx, embedded.connectionString(), "signpost", embedded)) {
            MongoStores.Referrals referrals = new MongoStores.Referrals(writer);
            await(Future.all(references.stream().map(reference -> referrals.save(referral(reference))).toList()));
            java.nio.file.Files.copy(file, copy);
        }
        try (EmbeddedMongo embedded = EmbeddedMongo.start(copy); Mongo reader = Mongo.connect(vertx, embedded.connectionString(), "signpost")) {
            MongoStores.Referrals referrals = new MongoStores.Referrals(reader);
            for (String reference : references) {
                assertThat(await(referrals.find(reference))).as(reference).isPresent();
            }
        }
    }

    @Test
    void theEmbeddedServerKeepsDataInItsFileAcrossARestart(@org.junit.jupiter.api.io.TempDir Path directory)
            throws Exception {
        Path file = directory.resolve("signpost.mv");
        try (EmbeddedMongo embedded = EmbeddedMongo.start(file); Mongo first = Mongo.connect(vertx, embedded.connectionString(), "signpost")) {
            await(new MongoStores.Referrals(first).save(referral("SP-KEPT01")));
        }
        try (EmbeddedMongo embedded = EmbeddedMongo.start(file); Mongo second = Mongo.connect(vertx, embedded.connectionString(), "signpost")) {
            assertThat(await(new MongoStores.Referrals(second).find("SP-KEPT01"))).isPresent();
        }
    }
}
