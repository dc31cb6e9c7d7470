package io.licenseledger.command.quota;

import io.licenseledger.command.licensing.ItemCatalog;
import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.ItemId;
import io.licenseledger.events.LedgerException;
import io.licenseledger.events.ProjectId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Service;

import java.util.Map;

/** Attaches an imported item to a project (add quota, L3), refusing with a clear reason what cannot be attached. */
@Service
public class ItemAttachment {

    private final ItemCatalog catalog;
    private final CommandGateway commands;

    ItemAttachment(ItemCatalog catalog, CommandGateway commands) {
        this.catalog = catalog;
        this.commands = commands;
    }

    /** True when the item was attached now, false when it already was attached to this project. */
    public boolean attach(ProjectId projectId, ItemId itemId, Map<String, ?> metaData) {
        ItemCatalog.CatalogEntry entry = catalog.find(itemId).orElseThrow(() -> new LedgerException(
                ErrorCode.ITEM_NOT_FOUND, "no imported license has an item " + itemId));
        if (entry.projectId() != null && !entry.projectId().equals(projectId)) {
            throw new LedgerException(ErrorCode.ITEM_ATTACHED_ELSEWHERE,
                    "item " + itemId + " is already attached to project " + entry.projectId());
        }
        try {
            return commands.sendAndWait(new AttachItem(projectId, entry.licenseId(), entry.item()),
                    MetaData.from(metaData));
        } catch (AggregateNotFoundException e) {
            throw new LedgerException(ErrorCode.PROJECT_NOT_FOUND, "no project " + projectId);
        }
    }
}
