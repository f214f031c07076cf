package org.jmixed.data.parquet;

/**
 * A Parquet page header ({@code PageHeader} with its data-page, data-page-v2 or dictionary-page
 * part), and where the page's bytes start in the chunk. Levels in a version 2 page are stored
 * uncompressed before the (possibly compressed) values.
 */
record PageHeader(int type, int uncompressedSize, int compressedSize, int numValues, int encoding,
                  int definitionLevelEncoding, int definitionLevelsLength, int repetitionLevelsLength,
                  boolean valuesCompressed, int dataStart) {
    static final int DATA_PAGE = 0;
    static final int INDEX_PAGE = 1;
    static final int DICTIONARY_PAGE = 2;
    static final int DATA_PAGE_V2 = 3;

    static PageHeader parse(byte[] bytes, int start) {
        ThriftCompactReader in = new ThriftCompactReader(bytes, start);
        // type, uncompressed, compressed, num values, encoding, def-level encoding, def length, rep length, compressed
        int[] v = {-1, 0, 0, 0, 0, 3, 0, 0, 1};
        in.readStruct((id, type) -> {
            switch (id) {
                case 1 -> v[0] = in.readI32();
                case 2 -> v[1] = in.readI32();
                case 3 -> v[2] = in.readI32();
                case 5 -> in.readStruct((f, t) -> { // DataPageHeader
                    switch (f) {
                        case 1 -> v[3] = in.readI32();
                        case 2 -> v[4] = in.readI32();
                        case 3 -> v[5] = in.readI32();
                        default -> {
                            return false;
                        }
                    }
                    return true;
                });
                case 7 -> in.readStruct((f, t) -> { // DictionaryPageHeader
                    switch (f) {
                        case 1 -> v[3] = in.readI32();
                        case 2 -> v[4] = in.readI32();
                        default -> {
                            return false;
                        }
                    }
                    return true;
                });
                case 8 -> in.readStruct((f, t) -> { // DataPageHeaderV2
                    switch (f) {
                        case 1 -> v[3] = in.readI32();
                        case 4 -> v[4] = in.readI32();
                        case 5 -> v[6] = in.readI32();
                        case 6 -> v[7] = in.readI32();
                        case 7 -> v[8] = ThriftCompactReader.booleanOf(t) ? 1 : 0;
                        default -> {
                            return false;
                        }
                    }
                    return true;
                });
                default -> {
                    return false;
                }
            }
            return true;
        });
        return new PageHeader(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8] == 1, in.position());
    }
}
