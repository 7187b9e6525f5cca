package org.signpost.connectors.voice.asterisk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.signpost.connectors.voice.speak.Wav;

/**
 * One call from an emulated Asterisk: it opens the FastAGI connection, sends the {@code agi_*}
 * header block, and answers each command line with the reply line Asterisk would send. Prompts
 * are "heard" by reading the text the synthesiser keeps beside each sound file; when the script
 * records, the caller's words are written into the spool as real audio (from {@code voice}); keys
 * are pressed when the test says so. A hang-up writes Asterisk's {@code HANGUP} line, and every
 * command after it gets {@code 511}, as on a dead channel. A prompt whose sound file is missing
 * fails as Asterisk's does ({@code result=-1}); Asterisk's own sounds ({@code silence/1}) play.
 *
 * <p>Driven by one test thread: {@link #listen()} plays everything up to the next moment the
 * script waits for the caller, then the test answers with {@link #say}, {@link #press},
 * {@link #stayQuiet} or {@link #hangUp}; or, while the caller waits in the navigators' queue
 * ({@code EXEC Queue}), with {@link #putThrough} or {@link #leaveQueue}.
 */
public final class EmulatedCall implements AutoCloseable {

    /** What the caller heard before the script began to wait, and what it waits with. */
    public record Prompted(List<String> heard, Optional<AgiCommand> waitingWith) {

        public boolean isListening() {
            return waitingWith.isPresent() && (waitingWith.get().is("RECORD FILE") || waitingWith.get().is("GET DATA"));
        }

        public boolean isTransfer() {
            return waitingWith.isPresent() && waitingWith.get().is("EXEC");
        }

        public boolean ended() {
            return waitingWith.isEmpty() || waitingWith.get().is("HANGUP");
        }

        /** Everything heard, as one text, for assertions. */
        public String said() {
            return String.join(" ", heard);
        }
    }

    private static final int READ_TIMEOUT_MILLIS = 30_000;

    private final Socket socket;
    private final String uniqueId;
    private final BufferedReader in;
    private final Writer out;
    private final Function<String, Path> voice;
    private final List<AgiCommand> commands = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> turnNanos = Collections.synchronizedList(new ArrayList<>());
    private final java.util.Map<String, String> variables = new java.util.concurrent.ConcurrentHashMap<>();
    private AgiCommand pending;
    private Character bargeInKey;
    private boolean noQueueApplication;
    private boolean recordingFails;
    private boolean hungUp;
    private boolean ended;
    private long answeredAt;

    private EmulatedCall(Socket socket, String uniqueId, Function<String, Path> voice) throws IOException {
        this.socket = socket;
        this.uniqueId = uniqueId;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
        this.voice = voice;
    }

    /**
     * Calls the FastAGI server on {@code port} as Asterisk does for {@code AGI(agi://host:port/script)}.
     *
     * @param voice makes a WAV file (8 kHz mono 16-bit) of the caller saying the given words
     */
    public static EmulatedCall dial(String host, int port, String script, String uniqueId, String callerId,
            Function<String, Path> voice) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        EmulatedCall call = new EmulatedCall(socket, uniqueId, Objects.requireNonNull(voice, "voice"));
        call.sendHeaders(host, port, script, uniqueId, callerId);
        return call;
    }

    private void sendHeaders(String host, int port, String script, String uniqueId, String callerId) throws IOException {
        String[][] headers = {
            {"agi_network", "yes"},
            {"agi_network_script", script},
            {"agi_request", "agi://" + host + ":" + port + "/" + script},
            {"agi_channel", "PJSIP/trunk-" + uniqueId.replace('.', '-')},
            {"agi_language", "en_GB"},
            {"agi_type", "PJSIP"},
            {"agi_uniqueid", uniqueId},
            {"agi_version", "20.10.0"},
            {"agi_callerid", callerId},
            {"agi_calleridname", "unknown"},
            {"agi_callingpres", "0"},
            {"agi_callingani2", "0"},
            {"agi_callington", "0"},
            {"agi_callingtns", "0"},
            {"agi_dnid", "100"},
            {"agi_rdnis", "unknown"},
            {"agi_context", "signpost"},
            {"agi_extension", "100"},
            {"agi_priority", "2"},
            {"agi_enhanced", "0.0"},
            {"agi_accountcode", ""},
            {"agi_threadid", "140245123"},
        };
        StringBuilder block = new StringBuilder();
        for (String[] header : headers) {
            block.append(header[0]).append(": ").append(header[1]).append('\n');
        }
        block.append('\n');
        write(block.toString());
    }

    /**
     * Answers the script's commands (answer, prompts, variables) until it waits for the caller
     * (records or reads keys), transfers the call ({@code EXEC Queue}, answered as a caller who
     * was put through and then left), hangs up, or ends.
     */
    public Prompted listen() throws IOException {
        if (pending != null) {
            throw new IllegalStateException("the script waits for the caller's answer to " + pending.line());
        }
        List<String> heard = new ArrayList<>();
        boolean first = true;
        while (true) {
            Optional<AgiCommand> next = nextCommand();
            if (next.isEmpty()) {
                return new Prompted(heard, Optional.empty());
            }
            AgiCommand command = next.get();
            if (first && answeredAt != 0) {
                turnNanos.add(System.nanoTime() - answeredAt);
                answeredAt = 0;
            }
            first = false;
            if (hungUp) {
                write("511 Command Not Permitted on a dead channel\n");
                continue;
            }
            if (command.is("GET DATA") || command.is("RECORD FILE") && !recordingFails
                    || command.is("EXEC") && isQueue(command) && !noQueueApplication) {
                if (command.is("GET DATA")) {
                    heard.add(words(command.argument(0)));
                }
                pending = command;
                return new Prompted(heard, Optional.of(command));
            }
            if (command.is("STREAM FILE") && played(command.argument(0))) {
                heard.add(words(command.argument(0)));
            }
            write(replyTo(command));
            if (command.is("EXEC") || command.is("HANGUP")) {
                return new Prompted(heard, Optional.of(command));
            }
        }
    }

    /** What Asterisk answers to a command that does not wait for the caller. */
    private String replyTo(AgiCommand command) {
        switch (command.name()) {
            case "STREAM FILE":
                if (!played(command.argument(0))) {
                    return "200 result=-1 endpos=0\n";
                }
                if (bargeInKey != null && command.argument(1).indexOf(bargeInKey) >= 0) {
                    char key = bargeInKey;
                    bargeInKey = null;
                    return "200 result=" + (int) key + " endpos=8000\n";
                }
                return "200 result=0 endpos=" + samples(command.argument(0)) + "\n";
            case "RECORD FILE":
                // Asterisk could not open the file to record into (a spool it may not write).
                return "200 result=-1 (writefile)\n";
            case "EXEC":
                return isQueue(command) && noQueueApplication ? "200 result=-2\n" : "200 result=0\n";
            case "HANGUP":
                hungUp = true;
                return "200 result=1\n";
            case "ANSWER":
                return "200 result=0\n";
            case "SET VARIABLE":
                // As Asterisk's Set(): an empty value unsets the variable.
                if (command.argument(1).isEmpty()) {
                    variables.remove(command.argument(0));
                } else {
                    variables.put(command.argument(0), command.argument(1));
                }
                return "200 result=1\n";
            case "GET VARIABLE":
                String value = variables.get(command.argument(0));
                return value == null ? "200 result=0\n" : "200 result=1 (" + value + ")\n";
            default:
                return "510 Invalid or unknown command\n";
        }
    }

    private static boolean isQueue(AgiCommand command) {
        return command.is("EXEC") && command.argument(0).equals("Queue");
    }

    /**
     * Whether Asterisk can play this sound: a path is a file Signpost made (it must exist); a
     * bare name is one of Asterisk's own sounds.
     */
    private static boolean played(String soundFile) {
        return !soundFile.startsWith("/") || Files.isRegularFile(Path.of(soundFile + ".wav"));
    }

    /** Asterisk has no Queue application (app_queue not loaded): {@code EXEC Queue} answers -2. */
    public void withoutQueueApplication() {
        noQueueApplication = true;
    }

    /** Asterisk cannot write into the spool: every {@code RECORD FILE} fails. */
    public void recordingsFail() {
        recordingFails = true;
    }

    /**
     * A navigator answers the caller waiting in the queue, and their conversation ends: the queue
     * returns without a {@code QUEUESTATUS}, as Asterisk's does after a bridged call.
     */
    public void putThrough() throws IOException {
        take("EXEC");
        answer("200 result=0\n");
    }

    /** The queue lets the caller go without a navigator, with this {@code QUEUESTATUS} (TIMEOUT, JOINEMPTY...). */
    public void leaveQueue(String status) throws IOException {
        take("EXEC");
        variables.put("QUEUESTATUS", status);
        answer("200 result=0\n");
    }

    /** The caller speaks {@code words} into the recording the script asked for. */
    public void say(String words) throws IOException {
        AgiCommand record = take("RECORD FILE");
        Path target = Path.of(record.argument(0) + "." + record.argument(1));
        Files.createDirectories(target.getParent());
        Files.copy(voice.apply(words), target, StandardCopyOption.REPLACE_EXISTING);
        answer("200 result=0 (timeout) endpos=" + samples(record.argument(0)) + "\n");
    }

    /**
     * The caller presses {@code keys}: all of them for a {@code GET DATA}; for a recording, the
     * first key ends it (the script reads the rest with {@code GET DATA}).
     */
    public void press(String keys) throws IOException {
        if (pending == null) {
            throw new IllegalStateException("the script is not waiting for keys");
        }
        if (pending.is("GET DATA")) {
            take("GET DATA");
            answer("200 result=" + keys + "\n");
        } else {
            take("RECORD FILE");
            answer("200 result=" + (int) keys.charAt(0) + " (dtmf) endpos=1600\n");
        }
    }

    /** The caller says nothing: a recording that is all silence, or no keys before the timeout. */
    public void stayQuiet() throws IOException {
        if (pending != null && pending.is("GET DATA")) {
            take("GET DATA");
            answer("200 result= (timeout)\n");
            return;
        }
        AgiCommand record = take("RECORD FILE");
        Path target = Path.of(record.argument(0) + "." + record.argument(1));
        Files.createDirectories(target.getParent());
        // A second of 8 kHz silence, as Asterisk records a caller who says nothing.
        Files.write(target, Wav.of(Wav.TELEPHONE_RATE, new short[Wav.TELEPHONE_RATE]).bytes());
        answer("200 result=0 (timeout) endpos=8000\n");
    }

    /** The next prompt is cut short by {@code key}: barge-in. */
    public void pressDuringNextPrompt(char key) {
        bargeInKey = key;
    }

    /**
     * The caller hangs up: Asterisk writes {@code HANGUP}, answers the command it was running as
     * a hung-up recording (or an empty key read), and refuses every later one with 511.
     */
    public void hangUp() throws IOException {
        write("HANGUP\n");
        hungUp = true;
        if (pending != null) {
            AgiCommand waiting = pending;
            pending = null;
            write(waiting.is("RECORD FILE") ? "200 result=-1 (hangup) endpos=0\n" : "200 result=-1\n");
        }
    }

    /**
     * Waits for the script to finish, answering what it still sends (511 after a hang-up). A
     * caller waiting in the queue is put through ({@link #putThrough}); one the script would
     * listen to says nothing.
     */
    public List<AgiCommand> awaitEnd() throws IOException {
        if (pending != null && pending.is("EXEC")) {
            putThrough();
        }
        List<AgiCommand> after = new ArrayList<>();
        while (true) {
            Optional<AgiCommand> next = nextCommand();
            if (next.isEmpty()) {
                return after;
            }
            AgiCommand command = next.get();
            after.add(command);
            if (hungUp) {
                write("511 Command Not Permitted on a dead channel\n");
            } else if (command.is("GET DATA")) {
                write("200 result= (timeout)\n");
            } else if (command.is("RECORD FILE")) {
                write("200 result=0 (timeout) endpos=0\n");
            } else if (command.is("EXEC") && isQueue(command) && !noQueueApplication) {
                write("200 result=0\n");
            } else {
                write(replyTo(command));
            }
        }
    }

    /** The call's {@code agi_uniqueid}. */
    public String uniqueId() {
        return uniqueId;
    }

    /** Every command line the script sent, in order. */
    public List<AgiCommand> commands() {
        synchronized (commands) {
            return List.copyOf(commands);
        }
    }

    /** For each answer the caller gave, the time until the script's next command (the server's turn). */
    public List<Long> turnNanos() {
        synchronized (turnNanos) {
            return List.copyOf(turnNanos);
        }
    }

    private AgiCommand take(String expected) {
        if (pending == null || !pending.is(expected)) {
            throw new IllegalStateException("the script is not waiting with " + expected + " but with "
                    + (pending == null ? "nothing" : pending.line()));
        }
        AgiCommand command = pending;
        pending = null;
        return command;
    }

    private void answer(String line) throws IOException {
        write(line);
        answeredAt = System.nanoTime();
    }

    private Optional<AgiCommand> nextCommand() throws IOException {
        if (ended) {
            return Optional.empty();
        }
        String line;
        try {
            line = in.readLine();
        } catch (SocketTimeoutException e) {
            throw new IOException("the script sent nothing for " + READ_TIMEOUT_MILLIS + " ms; last commands: "
                    + commands().subList(Math.max(0, commands().size() - 3), commands().size()), e);
        } catch (java.net.SocketException e) {
            // Closed with our headers unread (a refused connection): Asterisk sees the script end.
            ended = true;
            return Optional.empty();
        }
        if (line == null) {
            ended = true;
            return Optional.empty();
        }
        AgiCommand command = AgiCommand.parse(line);
        commands.add(command);
        return Optional.of(command);
    }

    private void write(String text) throws IOException {
        try {
            out.write(text);
            out.flush();
        } catch (IOException e) {
            // The script closed the connection first; what it sent so far stands.
            ended = true;
        }
    }

    /** The words a prompt says: the text the synthesiser keeps beside the sound, or the sound's name. */
    private static String words(String soundFile) {
        Path text = Path.of(soundFile + ".txt");
        try {
            return Files.isRegularFile(text) ? Files.readString(text).strip() : soundFile;
        } catch (IOException e) {
            return soundFile;
        }
    }

    private static long samples(String soundFile) {
        try {
            Path wav = Path.of(soundFile + ".wav");
            return Files.isRegularFile(wav) ? Math.max(0, (Files.size(wav) - Wav.HEADER_BYTES) / 2) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
