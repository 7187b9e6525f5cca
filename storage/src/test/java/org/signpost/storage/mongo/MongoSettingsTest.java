package org.signpost.storage.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.WriteConcern;
import org.junit.jupiter.api.Test;

class MongoSettingsTest {

    @Test
    void writesWaitForAJournalledMajorityUnlessTheUriSaysOtherwise() {
        assertThat(Mongo.settings("mongodb://db1,db2,db3/?replicaSet=rs0").getWriteConcern())
                .isEqualTo(WriteConcern.MAJORITY.withJournal(true));
        assertThat(Mongo.settings("mongodb://db1/?w=1").getWriteConcern()).isEqualTo(WriteConcern.W1);
        assertThat(Mongo.settings("mongodb://db1/?journal=false").getWriteConcern().getJournal()).isFalse();
    }
}
