package org.jmixed.data.parquet;

/**
 * Decodes one column chunk (a column's pages within one row group) into the column's arrays:
 * each row's value, NaN (numeric) or null (categorical) for a null. Handles data pages of
 * versions 1 and 2 and a dictionary page; flat columns only, so there are no repetition levels
 * and the definition level is 1 for a value, 0 for a null.
 */
final class ChunkDecoder {
    private final ColumnType type;
    private final ParquetCodec codec;
    private final double[] numbers;
    private final String[] strings;
    private double[] dictionaryNumbers;
    private String[] dictionaryStrings;

    /** @param numbers the numeric column's values (null for a categorical column); likewise {@code strings} */
    ChunkDecoder(ColumnType type, ParquetCodec codec, double[] numbers, String[] strings) {
        this.type = type;
        this.codec = codec;
        this.numbers = numbers;
        this.strings = strings;
    }

    /**
     * Decodes the chunk's pages into rows {@code [row, row + rows)}.
     *
     * @param chunk the chunk's bytes, page headers included
     */
    void decode(byte[] chunk, int row, long rows) {
        int pos = 0;
        long done = 0;
        while (done < rows) {
            if (pos >= chunk.length) {
                throw new IllegalStateException("the column chunk ends after " + done + " of its " + rows + " values");
            }
            PageHeader h = PageHeader.parse(chunk, pos);
            int dataStart = h.dataStart();
            if (h.compressedSize() < 0 || h.uncompressedSize() < 0 || h.compressedSize() > chunk.length - dataStart) {
                throw new IllegalStateException("a page of " + h.compressedSize() + " bytes runs past the column chunk");
            }
            switch (h.type()) {
                case PageHeader.DICTIONARY_PAGE -> readDictionary(h, chunk);
                case PageHeader.DATA_PAGE, PageHeader.DATA_PAGE_V2 -> {
                    if (h.numValues() < 0 || h.numValues() > rows - done) {
                        throw new IllegalStateException("a page holds " + h.numValues() + " values, more than the "
                                + (rows - done) + " rows left in its row group");
                    }
                    if (h.type() == PageHeader.DATA_PAGE) {
                        readPageV1(h, chunk, row + (int) done);
                    } else {
                        readPageV2(h, chunk, row + (int) done);
                    }
                    done += h.numValues();
                }
                default -> { // index pages and unknown pages carry no values
                }
            }
            pos = dataStart + h.compressedSize();
        }
    }

    private void readDictionary(PageHeader h, byte[] chunk) {
        if (h.encoding() != PageValues.PLAIN && h.encoding() != PageValues.PLAIN_DICTIONARY) {
            throw new IllegalStateException("dictionary page in " + PageValues.encodingName(h.encoding()));
        }
        byte[] data = codec.decompress(chunk, h.dataStart(), h.compressedSize(), h.uncompressedSize());
        int n = h.numValues();
        if (n < 0 || n > data.length * 8L + 1) {
            throw new IllegalStateException("dictionary of " + n + " values in " + data.length + " bytes");
        }
        PageValues values = new PageValues.Plain(type, data, 0);
        if (type.categorical()) {
            dictionaryStrings = new String[n];
            for (int i = 0; i < n; i++) {
                dictionaryStrings[i] = values.string();
            }
        } else {
            dictionaryNumbers = new double[n];
            for (int i = 0; i < n; i++) {
                dictionaryNumbers[i] = values.number();
            }
        }
    }

    private void readPageV1(PageHeader h, byte[] chunk, int row) {
        byte[] data = codec.decompress(chunk, h.dataStart(), h.compressedSize(), h.uncompressedSize());
        int n = h.numValues();
        int pos = 0;
        boolean[] present = null;
        if (type.optional()) {
            if (h.definitionLevelEncoding() != PageValues.RLE) {
                throw new IllegalStateException("definition levels in " + PageValues.encodingName(h.definitionLevelEncoding()));
            }
            int length = PageValues.intAt(data, 0);
            if (length < 0 || length > data.length - 4) {
                throw new IllegalStateException("definition levels of " + length + " bytes run past the page");
            }
            present = levels(data, 4, 4 + length, n);
            pos = 4 + length;
        }
        readValues(h.encoding(), data, pos, row, n, present);
    }

    private void readPageV2(PageHeader h, byte[] chunk, int row) {
        int levelBytes = h.repetitionLevelsLength() + h.definitionLevelsLength();
        if (h.repetitionLevelsLength() < 0 || h.definitionLevelsLength() < 0 || levelBytes > h.compressedSize()) {
            throw new IllegalStateException("page levels of " + levelBytes + " bytes run past the page");
        }
        int n = h.numValues();
        boolean[] present = null;
        int defStart = h.dataStart() + h.repetitionLevelsLength();
        if (type.optional() && h.definitionLevelsLength() > 0) {
            present = levels(chunk, defStart, defStart + h.definitionLevelsLength(), n);
        }
        int valuesStart = h.dataStart() + levelBytes;
        int compressed = h.compressedSize() - levelBytes;
        int uncompressed = h.uncompressedSize() - levelBytes;
        byte[] data = h.valuesCompressed() ? codec.decompress(chunk, valuesStart, compressed, uncompressed)
                : ParquetCodec.UNCOMPRESSED.decompress(chunk, valuesStart, compressed, compressed);
        readValues(h.encoding(), data, 0, row, n, present);
    }

    /** Which of the page's {@code n} rows hold a value (definition level 1). */
    private static boolean[] levels(byte[] data, int from, int to, int n) {
        HybridDecoder d = new HybridDecoder(data, from, to, 1);
        boolean[] present = new boolean[n];
        for (int i = 0; i < n; i++) {
            present[i] = d.next() != 0;
        }
        return present;
    }

    private void readValues(int encoding, byte[] data, int pos, int row, int n, boolean[] present) {
        int nonNull = n;
        if (present != null) {
            nonNull = 0;
            for (boolean p : present) {
                nonNull += p ? 1 : 0;
            }
        }
        if (nonNull == 0) {
            fillNulls(row, n); // an all-null page may have no value bytes to decode
            return;
        }
        PageValues values = switch (encoding) {
            case PageValues.PLAIN -> new PageValues.Plain(type, data, pos);
            case PageValues.PLAIN_DICTIONARY, PageValues.RLE_DICTIONARY ->
                    new PageValues.Dictionary(data, pos, dictionaryNumbers, dictionaryStrings);
            case PageValues.RLE -> {
                if (type.physical() != ColumnType.BOOLEAN) {
                    throw new UnsupportedEncodingException(encoding);
                }
                yield new PageValues.RleBooleans(data, pos);
            }
            case PageValues.BYTE_STREAM_SPLIT -> PageValues.byteStreamSplit(type, data, pos, nonNull);
            case DeltaValues.DELTA_BINARY_PACKED, DeltaValues.DELTA_LENGTH_BYTE_ARRAY, DeltaValues.DELTA_BYTE_ARRAY -> {
                PageValues delta = DeltaValues.of(encoding, type, data, pos);
                if (delta == null) {
                    throw new UnsupportedEncodingException(encoding);
                }
                yield delta;
            }
            default -> throw new UnsupportedEncodingException(encoding);
        };
        for (int i = 0; i < n; i++) {
            boolean has = present == null || present[i];
            if (strings != null) {
                strings[row + i] = has ? values.string() : null;
            } else {
                numbers[row + i] = has ? values.number() : Double.NaN;
            }
        }
    }

    private void fillNulls(int row, int n) {
        for (int i = 0; i < n; i++) {
            if (strings != null) {
                strings[row + i] = null;
            } else {
                numbers[row + i] = Double.NaN;
            }
        }
    }

    /** A value encoding jmixed does not decode, or one that does not fit the column's type. */
    static final class UnsupportedEncodingException extends RuntimeException {
        UnsupportedEncodingException(int encoding) {
            super("its values are in the " + PageValues.encodingName(encoding)
                    + " encoding, which jmixed cannot read (rewrite the file with dictionary, plain or delta encoding)",
                    null, false, false);
        }
    }
}
