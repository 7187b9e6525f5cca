package org.signpost.connectors.voice.speak;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chat reply rewritten as the words a telephone voice should say.
 *
 * <p>A reader can glance back at a phone number, follow a link and skip an emoji; a caller hears
 * each word once, through an 8 kHz line, often while writing it down. So the numbers and codes
 * people note (phone numbers, NHS numbers, postcodes, referral references, 999) are spoken a
 * character at a time, in the groups they are written in, with a pause between groups; what has no
 * sound (links, emoji, markdown) is dropped or said in words. Ordinary numbers (ages, counts,
 * times such as "9am to 5pm") are left alone: the synthesiser already says them naturally.
 *
 * <p>The result is plain ASCII on one line: flite reads its input as bytes, and skips or garbles
 * anything else. Some rules work around how flite reads English; each says so.
 */
public final class SpokenText {

    /** Parts of a written number or code: its digits and letters between spaces, hyphens and brackets. */
    private static final Pattern GROUP_SEPARATORS = Pattern.compile("[^0-9A-Za-z]+");

    private static final Pattern LINE_BREAK = Pattern.compile("\r?\n|\r");
    private static final Pattern ENDS_WITH_PAUSE = Pattern.compile("[.!?,;:]$");

    /**
     * Layout marks at the start of a line, for the eye only: markdown headings and quotes, and
     * bullets ("-", "*", "+", "•" and friends) followed by a space.
     */
    private static final Pattern LINE_LAYOUT = Pattern.compile("(?m)^[ \\t]*(?:#{1,6}|>|[-*+•◦▪‣●·])[ \\t]+");

    /** A markdown link: the label says what it is; the address cannot be followed on a call. */
    private static final Rule MARKDOWN_LINK = new Rule("\\[([^\\]\\n]+)\\]\\([^)\\s]*\\)", link -> link.group(1));

    /** An address in brackets is an aside for readers: the sentence is complete without it. */
    private static final Rule BRACKETED_URL = new Rule("\\s*\\((?:https?://|www\\.)[^)\\s]*\\)", url -> "");

    /**
     * A caller cannot follow a link but can remember a site's name, so an address is said as its
     * site ("nhs dot uk"), as a radio presenter would; flite would read out every "w" and slash.
     */
    private static final Rule URL = new Rule("(?i)\\b(?:https?://|www\\.)[^\\s]*[^\\s.,;:!?)\\]'\"]", SpokenText::site);

    /** Emoji and pictographs have no sound; their joiners and variation selectors neither. */
    private static final Rule EMOJI = new Rule("[\\p{So}\\x{1F3FB}-\\x{1F3FF}\\x{FE0E}\\x{FE0F}\\x{200D}\\x{20E3}]",
            symbol -> "");

    /** Markdown emphasis and code marks, and bullets left mid-line: symbols a reader's eye skips. */
    private static final Rule MARKDOWN_SYMBOLS = new Rule("[*_`•◦▪‣●]", symbol -> "");

    /** Referral references (see bot-core's {@code References}), like SP-7Q2K9X: the prefix, then two groups of three. */
    private static final Rule REFERENCE = new Rule("(?i)\\bSP-([A-Z0-9]{3})([A-Z0-9]{3})\\b",
            reference -> spell(List.of("SP", reference.group(1), reference.group(2))));

    /**
     * UK postcodes, like DY1 4HS or SW1A1AA: said letter by letter, outward code then inward code.
     * Capitals only, and never an inward code of AM or PM, so that "at 9 am" or "A1 3pm" stay words.
     */
    private static final Rule POSTCODE = new Rule("\\b([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9](?!AM|PM)[A-Z]{2})\\b",
            postcode -> spell(List.of(postcode.group(1), postcode.group(2))));

    /**
     * UK phone numbers written from +44, said "plus 4 4" and then the number in its groups.
     * A "(0)" after +44 is for readers dialling within the UK, and is not said.
     */
    private static final Rule INTERNATIONAL_PHONE = new Rule(
            "(?<![\\w+])\\+44[ -]?(?:\\(0\\)[ -]?)?\\d(?:\\)?[ -]?\\d){8,9}(?!\\w)",
            phone -> "plus 4 4, " + spell(phoneGroups(phone.group().substring(3).replace("(0)", " "), true)));

    /**
     * UK phone numbers written from 0, such as 01384 818181 or (0121) 496 0000: 10 or 11 digits,
     * said in the groups written, or the usual groups when written without spaces.
     */
    private static final Rule NATIONAL_PHONE = new Rule("(?<![\\w+])(\\()?0(?:\\)?[ -]?\\d){9,10}(?!\\w)", phone -> {
        String spoken = spell(phoneGroups(phone.group(), false));
        // An opening bracket around the whole number belongs to the sentence, not the number.
        return phone.group(1) != null && !phone.group().contains(")") ? "(" + spoken : spoken;
    });

    /** NHS numbers: 10 digits, written and said in groups of 3, 3 and 4 (943 476 5919). */
    private static final Rule NHS_NUMBER = new Rule("(?<![\\w+£$.,])([1-9]\\d{2})([ -]?)(\\d{3})\\2(\\d{4})(?!\\w|[.,]\\d)",
            number -> spell(List.of(number.group(1), number.group(3), number.group(4))));

    /**
     * 999, 111 and 112 are said digit by digit, as everyone in the UK says them: flite would say
     * "nine hundred and ninety-nine".
     */
    private static final Rule EMERGENCY_NUMBER = new Rule("(?<![\\w£$.,:/+-])(?:999|111|112)(?!\\w|%|[.,:/]\\d)",
            number -> spell(List.of(number.group())));

    /**
     * Free helplines on 116 and six digits (Samaritans 116 123, NHS 116 117): said in their two
     * groups, digit by digit, as the helplines say them themselves.
     */
    private static final Rule HELPLINE = new Rule("(?<![\\w£$.,:/+-])116 ?(\\d{3})(?!\\w|[.,:/]\\d)",
            number -> spell(List.of("116", number.group(1))));

    /** Dates as the engine keeps them (1950-05-03) are said as people say them: 3 May 1950. */
    private static final Rule ISO_DATE = new Rule("\\b(\\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])\\b",
            date -> Integer.parseInt(date.group(3)) + " " + java.time.Month.of(Integer.parseInt(date.group(2)))
                    .getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.UK) + " " + date.group(1));

    /** A text short code ("text SHOUT to 85258"): a number to key in, so said digit by digit. */
    private static final Rule SHORT_CODE = new Rule("(?i)(\\btext\\b[^.\\d]{1,40}?\\bto )(\\d{5,6})(?!\\w|[.,:/]\\d)",
            code -> code.group(1) + spell(List.of(code.group(2))));

    /**
     * A dash between numbers or times is "to": flite runs "9am-5pm" together as "9 am 5 pm", and
     * drops an en dash altogether. (Phone and NHS numbers, whose hyphens are not ranges, are spelled first.)
     */
    private static final Rule RANGE = new Rule("(?i)(\\d(?: ?[ap]m)?) ?- ?(£?\\d)",
            range -> range.group(1) + " to " + range.group(2));

    /** A dash between words is a pause, like a comma. */
    private static final Rule SPACED_DASH = new Rule(" +- +", dash -> ", ");

    /** flite drops the pound sign, so "£9.90" would be heard as "nine point nine zero". */
    private static final Rule MONEY = new Rule("£(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d{2}))?(?!\\d)", SpokenText::money);

    /** flite says "24 slash 7". */
    private static final Rule ALL_HOURS = new Rule("\\b24/7\\b", allHours -> "24 hours a day, 7 days a week");

    /**
     * {@code A&E} is "A and E", joined by hyphens because flite reads a lone "A" before a word as
     * the article ("uh and E").
     */
    private static final Rule LETTERS_AND_LETTER = new Rule("\\b([A-Z]) ?& ?([A-Z])\\b",
            letters -> letters.group(1) + "-and-" + letters.group(2));

    /** flite says "ampersand". */
    private static final Rule AMPERSAND = new Rule(" *& *", ampersand -> " and ");

    /** What remains outside printable ASCII has no sound flite can make. */
    private static final Rule NOT_ASCII = new Rule("[^\\x20-\\x7E]", character -> " ");

    private static final Rule SPACES = new Rule("\\s+", spaces -> " ");
    private static final Rule SPACE_BEFORE_PUNCTUATION = new Rule(" +(?=[.,!?;:])", space -> "");

    private SpokenText() {
    }

    /** What a telephone voice should say for {@code botText}; blank when it has nothing to say. */
    public static String of(String botText) {
        Objects.requireNonNull(botText, "botText");
        String text = EMOJI.apply(typographyAsAscii(botText));
        text = pausedLines(LINE_LAYOUT.matcher(text).replaceAll(""));
        // Links before markdown symbols: an address may contain underscores.
        for (Rule rule : List.of(MARKDOWN_LINK, BRACKETED_URL, URL, MARKDOWN_SYMBOLS)) {
            text = rule.apply(text);
        }
        // Codes before numbers: each rule's output is single characters, which no later rule matches.
        for (Rule rule : List.of(ISO_DATE, REFERENCE, POSTCODE, INTERNATIONAL_PHONE, NATIONAL_PHONE, NHS_NUMBER, EMERGENCY_NUMBER,
                HELPLINE, SHORT_CODE)) {
            text = rule.apply(text);
        }
        for (Rule rule : List.of(RANGE, SPACED_DASH, MONEY, ALL_HOURS, LETTERS_AND_LETTER, AMPERSAND, NOT_ASCII, SPACES,
                SPACE_BEFORE_PUNCTUATION)) {
            text = rule.apply(text);
        }
        return text.strip();
    }

    /**
     * Typographic punctuation as its ASCII look-alike, and letters without their accents ("café" is
     * "cafe"): flite reads bytes, and skips what is not ASCII, or splits a word at it.
     */
    private static String typographyAsAscii(String text) {
        String plain = text.replaceAll("[‘’‚‛′]", "'").replaceAll("[“”„‟″]", "\"").replaceAll("[‐‑‒–—―−]", "-");
        // Compatibility decomposition also turns "…" into "...", a no-break space into a space and "²" into "2".
        return Normalizer.normalize(plain, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
    }

    /**
     * One line, each line break a pause: a reader sees a list's items apart, a listener only hears
     * them apart when there is a pause between them.
     */
    private static String pausedLines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : LINE_BREAK.split(text)) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        StringJoiner spoken = new StringJoiner(" ");
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean last = i == lines.size() - 1;
            spoken.add(last || ENDS_WITH_PAUSE.matcher(line).find() ? line : line + ".");
        }
        return spoken.toString();
    }

    /** The site of a web address, said with "dot": "https://www.nhs.uk/conditions" is "nhs dot uk". */
    private static String site(MatchResult url) {
        String site = url.group().replaceFirst("(?i)^https?://", "").replaceFirst("(?i)^www\\.", "");
        site = site.replaceFirst("[/?#:].*$", "");
        return String.join(" dot ", site.toLowerCase(Locale.ROOT).split("\\.+"));
    }

    private static String money(MatchResult amount) {
        String pounds = amount.group(1);
        String pence = amount.group(2);
        boolean noPounds = pounds.equals("0");
        boolean noPence = pence == null || pence.equals("00");
        if (noPounds && !noPence) {
            return Integer.parseInt(pence) + " pence";
        }
        String spoken = pounds + (pounds.equals("1") ? " pound" : " pounds");
        return noPence ? spoken : spoken + " " + pence;
    }

    /**
     * The groups a phone number is said in: as written when written in groups, else the usual UK
     * layout for its kind. {@code afterCountryCode} is a number written after +44, without its 0.
     */
    private static List<String> phoneGroups(String written, boolean afterCountryCode) {
        List<String> groups = List.of(GROUP_SEPARATORS.matcher(written).replaceAll(" ").strip().split(" "));
        if (groups.size() > 1) {
            return groups;
        }
        String national = afterCountryCode ? "0" + groups.get(0) : groups.get(0);
        List<String> usual = usualGroups(national);
        if (afterCountryCode) {
            usual.set(0, usual.get(0).substring(1));
        }
        return usual;
    }

    /**
     * How a UK number written in one run is usually grouped: 020 7946 0000 for London and the like,
     * 0121 496 0000 for the big cities and the 03, 05, 08 and 09 services, 07700 900123 for mobiles
     * and 01384 818181 for other areas.
     */
    private static List<String> usualGroups(String national) {
        int[] lengths;
        if (national.startsWith("02")) {
            lengths = new int[] {3, 4};
        } else if (national.matches("0(?:11\\d|1\\d1|[3589]\\d\\d)\\d*")) {
            lengths = new int[] {4, 3};
        } else {
            lengths = new int[] {5};
        }
        List<String> groups = new ArrayList<>();
        int start = 0;
        for (int length : lengths) {
            if (national.length() - start > length) {
                groups.add(national.substring(start, start + length));
                start += length;
            }
        }
        groups.add(national.substring(start));
        return groups;
    }

    /** The groups said a character at a time, with a pause between groups: "D Y 1, 4 H S". */
    private static String spell(List<String> groups) {
        StringJoiner spoken = new StringJoiner(", ");
        for (String group : groups) {
            StringJoiner characters = new StringJoiner(" ");
            group.toUpperCase(Locale.ROOT).chars().forEach(character -> characters.add(letterName((char) character)));
            spoken.add(characters.toString());
        }
        return spoken.toString();
    }

    /**
     * How a character is written for flite to say its name. "A" is "ay" because flite reads a lone
     * "A" before a digit as the article ("uh"); "Z" is "zed", as British callers say it, where
     * flite's American dictionary says "zee".
     */
    private static String letterName(char character) {
        if (character == 'A') {
            return "ay";
        }
        return character == 'Z' ? "zed" : String.valueOf(character);
    }

    /** A pattern and what each match of it is said as. */
    private record Rule(Pattern pattern, Function<MatchResult, String> spoken) {

        Rule(String regex, Function<MatchResult, String> spoken) {
            this(Pattern.compile(regex), spoken);
        }

        String apply(String text) {
            Matcher matcher = pattern.matcher(text);
            return matcher.replaceAll(match -> Matcher.quoteReplacement(spoken.apply(match)));
        }
    }
}
