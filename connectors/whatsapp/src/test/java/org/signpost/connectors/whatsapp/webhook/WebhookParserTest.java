package org.signpost.connectors.whatsapp.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.signpost.error.InvalidInputException;

class WebhookParserTest {

    private static final WebhookParser PARSER = new WebhookParser("114896151713920");

    private static Notification parse(String json) {
        return PARSER.parse(Buffer.buffer(json.replace('\'', '"')));
    }

    private static String change(String phoneNumberId, String value) {
        return "{'field':'messages','value':{'messaging_product':'whatsapp','metadata':{'display_phone_number':'15550984277',"
                + "'phone_number_id':'" + phoneNumberId + "'}," + value + "}}";
    }

    @Test
    void readsEveryMessageAndStatusOfEveryEntryAndChangeInOrder() {
        Notification notification = parse("{'object':'whatsapp_business_account','entry':["
                + "{'id':'1','changes':[" + change("114896151713920", "'contacts':[{'profile':{'name':'Lee'},'wa_id':'447700900001'}],"
                + "'messages':[{'from':'447700900001','id':'wamid.A','timestamp':'1694427240','type':'text','text':{'body':'Hi'}},"
                + "{'from':'447700900001','id':'wamid.B','timestamp':'1694427241','type':'image','image':{'id':'9'}}]") + ","
                + change("114896151713920", "'statuses':[{'id':'wamid.S','status':'failed','timestamp':'1694427250',"
                + "'recipient_id':'447700900002','errors':[{'code':131047,'title':'Re-engagement message'}]}]") + "]},"
                + "{'id':'2','changes':[" + change("114896151713920",
                "'messages':[{'from':'447700900003','id':'wamid.C','timestamp':'1694427242','type':'text','text':{'body':'Yo'}}]")
                + ",{'field':'account_update','value':{}}]}]}");
        assertThat(notification.messages()).extracting(IncomingMessage::id).containsExactly("wamid.A", "wamid.B", "wamid.C");
        IncomingMessage first = notification.messages().get(0);
        assertThat(first.from()).isEqualTo("447700900001");
        assertThat(first.sentAt()).isEqualTo(Instant.ofEpochSecond(1694427240));
        assertThat(first.type()).isEqualTo("text");
        assertThat(first.message().getJsonObject("text").getString("body")).isEqualTo("Hi");
        assertThat(notification.statuses()).singleElement().satisfies(status -> {
            assertThat(status.messageId()).isEqualTo("wamid.S");
            assertThat(status.failed()).isTrue();
            assertThat(status.errorCode()).isEqualTo(131047);
            assertThat(status.error()).isEqualTo("131047 Re-engagement message");
            assertThat(status.recipient()).isEqualTo("447700900002");
        });
    }

    @Test
    void skipsChangesForAnotherNumberOfTheSameBusinessAccount() {
        Notification notification = parse("{'object':'whatsapp_business_account','entry':[{'id':'1','changes':["
                + change("999", "'messages':[{'from':'447700900001','id':'wamid.X','timestamp':'1','type':'text','text':{'body':'Hi'}}]")
                + "]}]}");
        assertThat(notification.messages()).isEmpty();
    }

    @Test
    void refusesWhatIsNotMetasEnvelopeSayingWhere() {
        assertThatThrownBy(() -> parse("[]")).isInstanceOf(InvalidInputException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> parse("{'object':'page','entry':[]}")).hasMessageContaining("'object'");
        assertThatThrownBy(() -> parse("{'object':'whatsapp_business_account','entry':{}}")).hasMessageContaining("'entry' must be an array");
        assertThatThrownBy(() -> parse("{'object':'whatsapp_business_account','entry':[{'changes':[{'field':'messages'}]}]}"))
                .hasMessageContaining("'changes[].value' must be an object");
        assertThatThrownBy(() -> parse("{'object':'whatsapp_business_account','entry':[{'changes':[" + change("114896151713920",
                "'messages':[{'from':'1','id':'wamid.X','timestamp':'yesterday','type':'text'}]") + "]}]}"))
                .hasMessageContaining("Unix seconds");
        assertThatThrownBy(() -> parse("{'object':'whatsapp_business_account','entry':[{'changes':[" + change("114896151713920",
                "'messages':[{'from':'1','timestamp':'1','type':'text'}]") + "]}]}"))
                .hasMessageContaining("'messages[].id' must be a non-empty string");
    }
}
