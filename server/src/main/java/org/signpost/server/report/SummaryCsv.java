package org.signpost.server.report;

import io.vertx.core.json.JsonObject;

/**
 * The summary as CSV, one figure a row: {@code section,key,subkey,value}, where {@code key} and
 * {@code subkey} are the nesting of the JSON summary (a day and a channel, a category and a
 * locality...) and are empty where a figure is not nested that deep. Spreadsheets pivot this
 * shape easily, and a new section in the summary needs no change here.
 */
final class SummaryCsv {

    private SummaryCsv() {
    }

    static String of(JsonObject report) {
        StringBuilder csv = new StringBuilder("section,key,subkey,value\r\n");
        row(csv, "period", "from", "", report.getString("from"));
        row(csv, "period", "to", "", report.getString("to"));
        for (String section : report.fieldNames()) {
            Object value = report.getValue(section);
            if (section.equals("from") || section.equals("to")) {
                continue;
            }
            if (value instanceof JsonObject keys) {
                for (String key : keys.fieldNames()) {
                    Object inner = keys.getValue(key);
                    if (inner instanceof JsonObject subkeys) {
                        subkeys.forEach(entry -> row(csv, section, key, entry.getKey(), entry.getValue()));
                    } else {
                        row(csv, section, key, "", inner);
                    }
                }
            } else {
                row(csv, section, "", "", value);
            }
        }
        return csv.toString();
    }

    private static void row(StringBuilder csv, String section, String key, String subkey, Object value) {
        csv.append(cell(section)).append(',').append(cell(key)).append(',').append(cell(subkey)).append(',')
                .append(cell(value == null ? "" : String.valueOf(value))).append("\r\n");
    }

    /** RFC 4180 quoting, and a leading quote mark on text a spreadsheet would run as a formula. */
    static String cell(String text) {
        String safe = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !text.matches("-?[0-9.]+")
                ? "'" + text : text;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
