package org.signpost.server.whatsapp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** WhatsApp integration tests against one server and its fake Graph API, started for the test class. */
abstract class AgainstWhatsApp {

    static WhatsAppServer whatsapp;

    @BeforeAll
    static void startWhatsApp() throws Exception {
        whatsapp = WhatsAppServer.start();
    }

    @AfterAll
    static void stopWhatsApp() throws Exception {
        whatsapp.close();
    }
}
