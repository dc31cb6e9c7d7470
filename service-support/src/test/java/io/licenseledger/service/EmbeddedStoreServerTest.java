package io.licenseledger.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command side's H2 server: loopback only, the one ledger file, the generated password. */
class EmbeddedStoreServerTest {

    @Test
    void servesTheOneLedgerFileOnLoopbackWithTheGeneratedPasswordOnly(@TempDir Path dataDir) throws Exception {
        Path database = dataDir.resolve("ledger");
        String password = EmbeddedLedgerStore.secure("jdbc:h2:file:" + database, "sa", dataDir.resolve("secret"));
        int port = freePort();
        EmbeddedStoreServer server = new EmbeddedStoreServer(database, port);
        server.start();
        try {
            String served = "jdbc:h2:tcp://127.0.0.1:" + port + "/";
            try (Connection connection = DriverManager.getConnection(served + EmbeddedStoreServer.NAME, "sa", password)) {
                assertThat(connection.isValid(1)).isTrue();
            }
            assertThatThrownBy(() -> DriverManager.getConnection(served + EmbeddedStoreServer.NAME, "sa", "").close())
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> DriverManager.getConnection(served + dataDir.resolve("other"), "sa", "").close())
                    .as("no other file, and none created").isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> DriverManager.getConnection(served + "mem:scratch", "sa", "").close())
                    .isInstanceOf(SQLException.class);
            for (InetAddress address : otherLocalAddresses()) {
                assertThatThrownBy(() -> new Socket(address, port).close())
                        .as("not reachable on %s", address).isInstanceOf(java.io.IOException.class);
            }
        } finally {
            server.stop();
        }
        assertThat(server.isRunning()).isFalse();
    }

    private static List<InetAddress> otherLocalAddresses() throws Exception {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                .toList();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
