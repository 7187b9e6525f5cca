package org.signpost.core.directory;

import io.vertx.core.Future;
import java.util.List;

/** The services Signpost knows. Never blocks the caller; failures arrive as failed futures. */
public interface ServiceDirectory {

    Future<List<Service>> all();
}
