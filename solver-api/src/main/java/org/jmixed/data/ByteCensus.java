package org.jmixed.data;

/**
 * What one pass over a file's bytes tells the CSV reader before it parses: how many line feeds
 * (to size the columns) and whether any byte is outside ASCII (only then is a UTF-8 check needed).
 * One loop for both: on a cold JVM a pass over a few megabytes costs milliseconds.
 *
 * @param lineFeeds number of {@code '\n'} bytes
 * @param ascii     whether every byte is below 0x80
 */
record ByteCensus(int lineFeeds, boolean ascii) {

    static ByteCensus of(byte[] bytes) {
        int lineFeeds = 0;
        int allBits = 0;
        for (byte b : bytes) {
            allBits |= b;
            if (b == '\n') {
                lineFeeds++;
            }
        }
        return new ByteCensus(lineFeeds, allBits >= 0);
    }
}
