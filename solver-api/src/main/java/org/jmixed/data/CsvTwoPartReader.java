package org.jmixed.data;

import org.jmixed.JmixedException;

/**
 * Reads a large CSV file's data rows in two halves at once, one on a second thread: the halves
 * meet at a record boundary, a line feed outside quotes, found by counting the quotes before it
 * (in a well-formed file every quote opens, closes or doubles one inside a quoted field, so an
 * even count means "outside").
 *
 * <p>Only the ordinary case is read this way: a file in which either half has a malformed record
 * or a ragged row, or which is not valid UTF-8, is given back ({@code null}) to be read again in
 * one pass, which finds and reports the same first error the one-pass reader always has. A
 * quote count thrown off by a malformed record only misplaces the split, and the malformed
 * record is then what the one pass reports.
 */
final class CsvTwoPartReader {
    /**
     * Below this a second thread costs more than it saves: reading InstEval's 2.3 MB in two parts
     * took longer than in one on this 2-core machine (cold JVM, busy host; the command line also
     * loads the native BLAS on a second thread while it reads), and the second part's extra work
     * (its own census, interning, the final copy) is about 20% of the one-pass CPU time.
     */
    static final int MIN_BYTES = 4 << 20;

    private CsvTwoPartReader() {
    }

    /** The frame, or null when the file is to be read in one pass (see the class comment). */
    static DataFrame read(byte[] bytes, String source) {
        if (Runtime.getRuntime().availableProcessors() < 2) {
            return null;
        }
        int start = CsvReader.startAfterByteOrderMark(bytes);
        CsvTokenizer header = new CsvTokenizer(bytes, start, source);
        CsvReader.Header fields;
        try {
            fields = CsvReader.Header.read(header, source);
        } catch (JmixedException e) {
            return null;
        }
        int dataStart = header.position();
        int split = recordBoundaryAfter(bytes, dataStart, dataStart + (bytes.length - dataStart) / 2);
        if (split < 0) {
            return null;
        }
        Part first = new Part(bytes, dataStart, split, header.line(), fields.size(), source);
        Part second = new Part(bytes, split, bytes.length, 1, fields.size(), source);
        Thread helper = new Thread(second, "jmixed-csv-second-half");
        helper.setDaemon(true);
        helper.start();
        first.run();
        try {
            helper.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        if (!first.readCleanly() || !second.readCleanly()) {
            return null;
        }
        if (!(ascii(bytes, 0, dataStart) && first.ascii && second.ascii) && !validUtf8(bytes, source)) {
            return null;
        }
        first.rows.append(second.rows, first.endLine - 1);
        return CsvReader.frame(fields, first.rows, source);
    }

    /**
     * The position just after the first line feed at or after {@code near} that lies outside
     * quotes, counting quotes from {@code from} (a record start); -1 when there is none before the
     * end of the bytes.
     */
    static int recordBoundaryAfter(byte[] bytes, int from, int near) {
        int quotes = 0;
        for (int i = from; i < near; i++) {
            if (bytes[i] == '"') {
                quotes++;
            }
        }
        for (int i = near; i < bytes.length - 1; i++) {
            byte b = bytes[i];
            if (b == '"') {
                quotes++;
            } else if (b == '\n' && (quotes & 1) == 0) {
                return i + 1;
            }
        }
        return -1;
    }

    private static boolean validUtf8(byte[] bytes, String source) {
        try {
            CsvReader.requireUtf8(bytes, source);
            return true;
        } catch (JmixedException e) {
            return false;
        }
    }

    private static boolean ascii(byte[] bytes, int from, int to) {
        int allBits = 0;
        for (int i = from; i < to; i++) {
            allBits |= bytes[i];
        }
        return allBits >= 0;
    }

    /** One half: its rows, whether its bytes are ASCII, and the line after its last record. */
    private static final class Part implements Runnable {
        private final byte[] bytes;
        private final int from;
        private final int to;
        private final int firstLine;
        private final int ncol;
        private final String source;
        CsvRows rows;
        boolean ascii;
        int endLine;
        private Throwable failure;

        Part(byte[] bytes, int from, int to, int firstLine, int ncol, String source) {
            this.bytes = bytes;
            this.from = from;
            this.to = to;
            this.firstLine = firstLine;
            this.ncol = ncol;
            this.source = source;
        }

        @Override
        public void run() {
            try {
                int lineFeeds = 0;
                int allBits = 0;
                for (int i = from; i < to; i++) {
                    byte b = bytes[i];
                    allBits |= b;
                    if (b == '\n') {
                        lineFeeds++;
                    }
                }
                ascii = allBits >= 0;
                // each record of this part ends in a line feed, but perhaps the file's last one
                rows = new CsvRows(bytes, ncol, lineFeeds + 1);
                CsvTokenizer tokenizer = new CsvTokenizer(bytes, from, to, firstLine, source);
                rows.read(tokenizer);
                endLine = tokenizer.line();
            } catch (Throwable e) { // on the second thread too: reported on the caller's
                failure = e;
            }
        }

        /**
         * No error and no ragged row. An error of the virtual machine (out of memory) is thrown
         * again here, on the caller's thread; an error in the data is for the one-pass reading.
         */
        boolean readCleanly() {
            if (failure instanceof Error error) {
                throw error;
            }
            return failure == null && rows.raggedLine() == 0;
        }
    }
}
