package io.licenseledger.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The TCP sockets a process listens on, as {@code address:port} ({@code *} for every interface), read from Linux's
 * {@code /proc}: the LISTEN rows of the network namespace's tables whose inode is one of the process's descriptors.
 */
final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    static Set<String> of(long pid) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        Set<String> inodes;
        try (Stream<Path> descriptors = Files.list(proc.resolve("fd"))) {
            inodes = descriptors.map(ListeningSockets::socketInode).filter(inode -> !inode.isEmpty())
                    .collect(Collectors.toSet());
        }
        Set<String> listening = new TreeSet<>();
        for (String table : new String[]{"tcp", "tcp6"}) {
            Path rows = proc.resolve("net").resolve(table);
            if (!Files.exists(rows)) {
                continue;
            }
            List<String> lines = Files.readAllLines(rows);
            for (String row : lines.subList(1, lines.size())) {
                String[] columns = row.trim().split("\\s+");
                if (columns[3].equals(LISTEN) && inodes.contains(columns[9])) {
                    listening.add(endpoint(columns[1]));
                }
            }
        }
        return listening;
    }

    private static String socketInode(Path descriptor) {
        try {
            String target = Files.readSymbolicLink(descriptor).toString();
            return target.startsWith("socket:[") ? target.substring(8, target.length() - 1) : "";
        } catch (IOException closedMeanwhile) {
            return "";
        }
    }

    /** {@code 0100007F:1F90} or its 32-digit IPv6 form: the address in 32-bit words of the machine's byte order. */
    private static String endpoint(String hex) throws IOException {
        String[] parts = hex.split(":");
        String words = parts[0];
        ByteBuffer address = ByteBuffer.allocate(words.length() / 2);
        for (int i = 0; i < words.length(); i += 8) {
            int word = (int) Long.parseLong(words.substring(i, i + 8), 16);
            address.putInt(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? Integer.reverseBytes(word) : word);
        }
        InetAddress inet = InetAddress.getByAddress(address.array());
        return (inet.isAnyLocalAddress() ? "*" : inet.getHostAddress()) + ":" + Integer.parseInt(parts[1], 16);
    }
}
