package io.licenseledger.command.catalog;

import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.ItemId;
import io.licenseledger.events.LedgerException;
import io.licenseledger.events.LicenseId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseImported;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.project.ItemDetached;
import io.licenseledger.events.project.ItemJoined;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Optional;

/**
 * Every imported item and the project it is attached to. Its primary key keeps item ids unique across licenses, and
 * the guarded update keeps an item on one project at a time (rule L3) even when two attachments race.
 */
@Component
@ProcessingGroup("command-lookups")
public class ItemCatalog {

    public record CatalogEntry(LicenseId licenseId, LicenseItem item, ProjectId projectId) {
    }

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    ItemCatalog(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<CatalogEntry> find(ItemId itemId) {
        List<CatalogEntry> found = jdbc.query(
                "SELECT license_id, project_id, item_json FROM license_item WHERE item_id = ?",
                (rs, i) -> new CatalogEntry(new LicenseId(rs.getString("license_id")),
                        json.readValue(rs.getString("item_json"), LicenseItem.class),
                        rs.getString("project_id") == null ? null : new ProjectId(rs.getString("project_id"))),
                itemId.value());
        return found.stream().findFirst();
    }

    @EventHandler
    void on(LicenseImported event) {
        for (LicenseItem item : event.items()) {
            try {
                jdbc.update("INSERT INTO license_item (item_id, license_id, item_json) VALUES (?, ?, ?)",
                        item.itemId().value(), event.licenseId().value(), json.writeValueAsString(item));
            } catch (DuplicateKeyException e) {
                throw new LedgerException(ErrorCode.ITEM_ID_CONFLICT,
                        "item " + item.itemId() + " already belongs to another license");
            }
        }
    }

    @EventHandler
    void on(ItemJoined event) {
        int claimed = jdbc.update(
                "UPDATE license_item SET project_id = ? WHERE item_id = ? AND project_id IS NULL",
                event.projectId().value(), event.item().itemId().value());
        if (claimed != 1) {
            throw new LedgerException(ErrorCode.ITEM_ATTACHED_ELSEWHERE,
                    "item " + event.item().itemId() + " is already attached to another project");
        }
    }

    @EventHandler
    void on(ItemDetached event) {
        jdbc.update("UPDATE license_item SET project_id = NULL WHERE item_id = ? AND project_id = ?",
                event.itemId().value(), event.projectId().value());
    }
}
