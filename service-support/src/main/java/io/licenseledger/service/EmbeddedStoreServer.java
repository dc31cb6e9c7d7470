package io.licenseledger.service;

import org.h2.engine.SysProperties;
import org.h2.tools.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * H2's TCP server on the command side's ledger file, for the query side: on 127.0.0.1 only, serving that one file
 * under the name {@value #NAME} and no other (none can be created through it). It starts once the service's own
 * migrations are done, so the query side, which connects afterwards, never migrates the file at the same time.
 */
final class EmbeddedStoreServer implements SmartLifecycle {

    static final String NAME = "ledger";
    static final String LOOPBACK = "127.0.0.1";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStoreServer.class);

    private final Path database;
    private final int port;
    private Server server;

    EmbeddedStoreServer(Path database, int port) {
        this.database = database;
        this.port = port;
    }

    @Override
    public void start() {
        requireLoopbackOnly();
        try {
            server = Server.createTcpServer("-tcpPort", Integer.toString(port), "-tcpDaemon", "-ifExists",
                    // shutting the server down over TCP takes this password, which nobody is ever told
                    "-tcpPassword", SecretFiles.randomSecret(),
                    "-key", NAME, database.toAbsolutePath().toString()).start();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not serve the ledger on " + LOOPBACK + ":" + port, e);
        }
        log.info("Serving the ledger's H2 file to the query side on {}:{}", LOOPBACK, server.getPort());
    }

    /**
     * H2 binds its server sockets to the address of the {@code h2.bindAddress} system property, read once when H2 is
     * first used, or to every interface without it; {@link LedgerApplications} sets it before anything starts.
     */
    private static void requireLoopbackOnly() {
        String bindAddress = SysProperties.BIND_ADDRESS;
        try {
            if (bindAddress != null && !bindAddress.isEmpty() && InetAddress.getByName(bindAddress).isLoopbackAddress()) {
                return;
            }
        } catch (UnknownHostException unknown) {
            // refused below
        }
        throw new IllegalStateException("H2 would listen on " + (bindAddress == null ? "every interface" : bindAddress)
                + ", not on loopback only: start the service through its main class (it sets -Dh2.bindAddress="
                + LOOPBACK + ") or set ledger.embedded-store.serve=false");
    }

    /** Before the web server: the command side answers its health check only once the query side can connect. */
    @Override
    public int getPhase() {
        return 0;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }
}
