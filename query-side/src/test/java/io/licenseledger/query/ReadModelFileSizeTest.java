package io.licenseledger.query;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read-model file is bounded by its live rows, not by how often they change: the same devices updated over and
 * over, in batches of multi-row upserts as the projections write them, into the file the service opens (its
 * {@code application.yml} URL). With H2's default 45 s retention of replaced chunks the file grew with every update
 * for 45 s (to 128 MB for 10,000 devices, 58 times their size, at about 14,000 updates a second).
 */
class ReadModelFileSizeTest {

    private static final int DEVICES = 5_000;
    private static final int ROWS_PER_UPSERT = 250;
    private static final int PASSES = 20;

    @Test
    void updatingTheSameRowsOverAndOverDoesNotGrowTheFile(@TempDir Path dataDir) throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(serviceUrl().replace("${ledger.data-dir:./data}", dataDir.toString()));
        dataSource.setUser("sa");
        ReadModelDatabase.migrateReadModels(dataSource);
        Path file = dataDir.resolve("read-models.mv.db");
        long largest = 0;
        long updates = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement(upsertSql())) {
            connection.setAutoCommit(false);
            for (int pass = 0; pass < PASSES; pass++) {
                for (int device = 0; device < DEVICES; device += ROWS_PER_UPSERT) {
                    Timestamp now = Timestamp.from(Instant.now());
                    for (int row = 0; row < ROWS_PER_UPSERT; row++) {
                        int column = row * 7;
                        upsert.setString(column + 1, "project-" + (device + row) % 16);
                        upsert.setString(column + 2, "device-" + (device + row));
                        upsert.setString(column + 3, "Workstation " + (device + row) + " of the accounting department");
                        upsert.setString(column + 4, "PER_DEVICE");
                        upsert.setTimestamp(column + 5, now);
                        upsert.setTimestamp(column + 6, now);
                        upsert.setBoolean(column + 7, updates % 2 == 0);
                    }
                    upsert.executeUpdate();
                    connection.commit();
                    updates += ROWS_PER_UPSERT;
                }
                largest = Math.max(largest, Files.size(file));
            }
        }
        System.out.printf("read-model file: %,d device rows updated %,d times, largest %,d bytes (%,d per row)%n",
                DEVICES, updates, largest, largest / DEVICES);
        assertThat(largest / DEVICES).as("largest file, bytes per device row").isLessThan(2_000);
    }

    private static String upsertSql() {
        StringBuilder sql = new StringBuilder("MERGE INTO qry_device (project_id, device_id, device_name, license_type,"
                + " first_seen_at, last_activity_at, overage) KEY (project_id, device_id) VALUES ");
        for (int row = 0; row < ROWS_PER_UPSERT; row++) {
            sql.append(row == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?)");
        }
        return sql.toString();
    }

    private static String serviceUrl() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        return yaml.getObject().getProperty("spring.datasource.url");
    }
}
