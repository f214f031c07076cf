package org.jmixed.data;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a whole file, as {@link Files#readAllBytes} does but sooner on a cold JVM. */
final class FileBytes {
    private FileBytes() {
    }

    /**
     * The file's bytes. A {@link FileInputStream} loads far fewer classes than
     * {@link Files#readAllBytes}, which on a cold JVM saves about 2 ms, but it is used only for a
     * file whose length is known and that ends there: pipes and special files report no length,
     * and {@code Files.readAllBytes} reads them to their end. It also opens the file when the
     * stream cannot, for its precise exceptions (no such file, access denied, a directory).
     */
    static byte[] read(Path file) throws IOException {
        if (file.getFileSystem() == FileSystems.getDefault()) {
            File f = file.toFile();
            long length = f.length(); // 0 for a pipe, a special file or a missing file
            if (length > 0 && length < Integer.MAX_VALUE - 8) {
                try (FileInputStream in = new FileInputStream(f)) {
                    byte[] bytes = new byte[(int) length];
                    int n = 0;
                    while (n < bytes.length) {
                        int read = in.read(bytes, n, bytes.length - n);
                        if (read < 0) {
                            break;
                        }
                        n += read;
                    }
                    if (n == bytes.length && in.read() < 0) {
                        return bytes;
                    }
                    // the file changed while it was read: read it again below
                } catch (FileNotFoundException e) {
                    // reported below, as Files.readAllBytes reports it
                }
            }
        }
        return Files.readAllBytes(file);
    }
}
