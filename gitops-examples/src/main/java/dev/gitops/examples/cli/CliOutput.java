package dev.gitops.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Writes command results: to a file, or to stdout (text through picocli's writer, binary as raw bytes). */
final class CliOutput {

    private CliOutput() {}

    static void write(byte[] data, Optional<Path> file, PrintWriter out) {
        if (file.isPresent()) {
            try {
                Files.write(file.get(), data);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file.get() + ": " + e.getMessage(), e);
            }
            return;
        }
        Optional<String> text = utf8(data);
        if (text.isPresent()) {
            out.print(text.get());
            out.flush();
        } else {
            out.flush();
            System.out.write(data, 0, data.length);
            System.out.flush();
        }
    }

    static Optional<String> utf8(byte[] data) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    static byte[] read(Optional<Path> file) {
        try {
            return file.isPresent() && !file.get().toString().equals("-") ? Files.readAllBytes(file.get())
                    : System.in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.map(Path::toString).orElse("standard input") + ": "
                    + e.getMessage(), e);
        }
    }
}
