package org.jmixed.data;

import java.util.List;

/**
 * One record of a CSV file as the tokenizer sees it.
 *
 * @param line   1-based line on which the record starts
 * @param fields the field texts, quotes removed and {@code ""} unescaped
 * @param quoted for each field, whether it was written in double quotes
 */
record CsvRecord(int line, List<String> fields, List<Boolean> quoted) {
}
