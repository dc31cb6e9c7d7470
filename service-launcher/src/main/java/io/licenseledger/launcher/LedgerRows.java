package io.licenseledger.launcher;

import tools.jackson.databind.json.JsonMapper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** What the services wrote, read straight from the ledger's table: the proof a client's answer was recorded. */
public final class LedgerRows {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LedgerRows() {
    }

    /** Every device a {@code DeviceAuthorized} of the project names, in ledger order, repeats included. */
    public static List<String> authorizedDevices(Connection connection, String projectId) throws SQLException {
        List<String> devices = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ?
                AND payload_type = 'io.licenseledger.events.project.DeviceAuthorized'
                ORDER BY global_index""")) {
            statement.setString(1, projectId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    devices.add(JSON.readTree(rows.getBytes(1)).get("deviceId").asString());
                }
            }
        }
        return devices;
    }
}
