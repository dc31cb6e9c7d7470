package io.licenseledger.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/** Ports for services a test or the benchmark starts on 127.0.0.1. */
public final class LoopbackPorts {

    private static final int LOWEST = 20_000;
    /** Linux hands out ephemeral ports from 32768 (ip_local_port_range). */
    private static final int BELOW_EPHEMERAL = 32_000;
    private static final Set<Integer> GIVEN = new HashSet<>();
    private static final Random PICKER = new Random();

    private LoopbackPorts() {
    }

    /**
     * A free port below the kernel's ephemeral range, so that no outgoing connection (a JDBC client, a health poll)
     * can take it between this pick and the service binding it; never the same one twice in this JVM.
     */
    public static int free() {
        synchronized (GIVEN) {
            for (int attempt = 0; attempt < 1_000; attempt++) {
                int port = LOWEST + PICKER.nextInt(BELOW_EPHEMERAL - LOWEST);
                if (!GIVEN.contains(port) && bindable(port)) {
                    GIVEN.add(port);
                    return port;
                }
            }
        }
        throw new IllegalStateException("no free loopback port between " + LOWEST + " and " + BELOW_EPHEMERAL);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
