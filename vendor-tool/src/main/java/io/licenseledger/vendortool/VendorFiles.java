package io.licenseledger.vendortool;

import io.licenseledger.licenseformat.Ed25519PrivateKey;
import io.licenseledger.licenseformat.Ed25519PublicKey;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Reading and writing the files this tool works with, with failures a user can act on. */
final class VendorFiles {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private VendorFiles() {
    }

    static String readText(Path file, String what) throws CommandFailure {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new CommandFailure("cannot read " + what + " " + file + ": " + reason(e));
        }
    }

    static Ed25519PrivateKey readPrivateKey(Path file) throws CommandFailure {
        return readKey(file, "private key file", Ed25519PrivateKey::fromJwk);
    }

    static Ed25519PublicKey readPublicKey(Path file) throws CommandFailure {
        return readKey(file, "public key file", Ed25519PublicKey::fromJwk);
    }

    private static <K> K readKey(Path file, String what, Function<Map<String, Object>, K> fromJwk)
            throws CommandFailure {
        Map<String, Object> jwk = readJwk(file, what);
        try {
            return fromJwk.apply(jwk);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(what + " " + file + ": " + e.getMessage());
        }
    }

    static void writeJson(Path file, Map<String, Object> content, Set<PosixFilePermission> permissions)
            throws CommandFailure {
        writeNew(file, Json.MAPPER.writeValueAsString(content) + System.lineSeparator(), permissions);
    }

    /**
     * Creates {@code file} with its permissions set from the start (where the file system has them), so a private
     * key is never readable by others, not even for a moment. Fails if the file exists.
     */
    private static void writeNew(Path file, String content, Set<PosixFilePermission> permissions) throws CommandFailure {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(permissions));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new CommandFailure("cannot write " + file + ": " + reason(e));
        }
    }

    static void write(Path file, String content) throws CommandFailure {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new CommandFailure("cannot write " + file + ": " + reason(e));
        }
    }

    static void delete(Path file) throws CommandFailure {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new CommandFailure("cannot replace " + file + ": " + reason(e));
        }
    }

    private static Map<String, Object> readJwk(Path file, String what) throws CommandFailure {
        String text = readText(file, what);
        try {
            return Json.MAPPER.readValue(text, new TypeReference<Map<String, Object>>() { });
        } catch (JacksonException e) {
            throw new CommandFailure(what + " " + file + " is not a JSON object (expected a JWK)");
        }
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "it already exists";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage();
    }
}
