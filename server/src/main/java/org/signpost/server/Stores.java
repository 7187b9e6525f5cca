package org.signpost.server;

import org.signpost.core.conversation.ConversationLock;
import org.signpost.core.conversation.InMemoryConversationLock;
import org.signpost.core.conversation.InMemoryTrackerStore;
import org.signpost.core.conversation.TrackerStore;
import org.signpost.core.directory.ServiceDirectory;
import org.signpost.core.escalation.EscalationQueue;
import org.signpost.core.escalation.InMemoryEscalationQueue;
import org.signpost.core.feedback.FeedbackLog;
import org.signpost.core.feedback.InMemoryFeedbackLog;
import org.signpost.core.gap.CapacityGapLog;
import org.signpost.core.gap.InMemoryCapacityGapLog;
import org.signpost.core.referral.InMemoryReferralStore;
import org.signpost.core.referral.ReferralStore;
import org.signpost.core.staff.AuditLog;
import org.signpost.core.staff.InMemoryAuditLog;
import org.signpost.core.staff.InMemoryStaffDirectory;
import org.signpost.core.staff.StaffDirectory;

/** Every store Signpost keeps its state in, chosen in one place. */
record Stores(TrackerStore trackers, ConversationLock lock, ServiceDirectory directory, EscalationQueue escalations,
        CapacityGapLog gaps, ReferralStore referrals, FeedbackLog feedback, StaffDirectory staff, AuditLog audit) {

    /** The in-memory stores: nothing survives a restart (persistent stores come with the storage module). */
    static Stores inMemory(ServiceDirectory directory) {
        return new Stores(new InMemoryTrackerStore(), new InMemoryConversationLock(), directory,
                new InMemoryEscalationQueue(), new InMemoryCapacityGapLog(), new InMemoryReferralStore(),
                new InMemoryFeedbackLog(), new InMemoryStaffDirectory(), new InMemoryAuditLog());
    }
}
