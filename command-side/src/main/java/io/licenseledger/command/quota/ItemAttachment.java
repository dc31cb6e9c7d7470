package io.licenseledger.command.quota;

import io.licenseledger.command.catalog.ItemCatalog;
import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.ItemId;
import io.licenseledger.events.LedgerException;
import io.licenseledger.events.ProjectId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.Map;

/**
 * Adds, renews and detaches a project's items by their ids, refusing with a clear reason what cannot be: an item no
 * imported license holds, or one attached to another project (rule L3).
 */
@Service
public class ItemAttachment {

    private final ItemCatalog catalog;
    private final CommandGateway commands;
    private final Clock clock;

    ItemAttachment(ItemCatalog catalog, CommandGateway commands, Clock clock) {
        this.catalog = catalog;
        this.commands = commands;
        this.clock = clock;
    }

    /** AddQuota: true when the item was attached now, false when it already was attached to this project. */
    public boolean addQuota(ProjectId projectId, ItemId itemId, Map<String, ?> metaData) {
        ItemCatalog.CatalogEntry entry = attachable(projectId, itemId);
        return send(projectId, new AddQuota(projectId, entry.licenseId(), entry.item()), metaData);
    }

    /** RenewLicense: true when the renewal was attached now, false when it already was attached to this project. */
    public boolean renew(ProjectId projectId, ItemId itemId, Map<String, ?> metaData) {
        ItemCatalog.CatalogEntry entry = attachable(projectId, itemId);
        return send(projectId, new RenewLicense(projectId, entry.licenseId(), entry.item()), metaData);
    }

    public void detach(ProjectId projectId, ItemId itemId, Map<String, ?> metaData) {
        send(projectId, new DetachItem(projectId, itemId, clock.instant()), metaData);
    }

    private ItemCatalog.CatalogEntry attachable(ProjectId projectId, ItemId itemId) {
        ItemCatalog.CatalogEntry entry = catalog.find(itemId).orElseThrow(() -> new LedgerException(
                ErrorCode.ITEM_NOT_FOUND, "no imported license has an item " + itemId));
        if (entry.projectId() != null && !entry.projectId().equals(projectId)) {
            throw new LedgerException(ErrorCode.ITEM_ATTACHED_ELSEWHERE,
                    "item " + itemId + " is already attached to project " + entry.projectId());
        }
        return entry;
    }

    private <R> R send(ProjectId projectId, Object command, Map<String, ?> metaData) {
        try {
            return commands.sendAndWait(command, MetaData.from(metaData));
        } catch (AggregateNotFoundException e) {
            throw new LedgerException(ErrorCode.PROJECT_NOT_FOUND, "no project " + projectId);
        }
    }
}
