package org.signpost.core.staff;

import io.vertx.core.Future;
import java.util.List;

/**
 * Every staff read of personal data (referrals, transcripts) and every change. Never blocks the
 * caller; a read is only answered once its entry is recorded.
 */
public interface AuditLog {

    Future<Void> record(AuditEntry entry);

    Future<List<AuditEntry>> all();
}
