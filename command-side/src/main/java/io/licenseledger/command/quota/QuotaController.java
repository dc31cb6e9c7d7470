package io.licenseledger.command.quota;

import io.licenseledger.events.Identifiers;
import io.licenseledger.events.ItemId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.service.RequestContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** The design card's AddQuota and RenewLicense, and detaching an item (SPEC section 6). */
@RestController
@Tag(name = "Projects (admin)")
record QuotaController(ItemAttachment attachment) {

    record ItemRequest(String itemId) {
    }

    record ItemAttachedResponse(String projectId, String itemId, boolean attached) {
    }

    record ItemDetachedResponse(String projectId, String itemId, boolean detached) {
    }

    @PostMapping("/api/v1/projects/{projectId}/items")
    @Operation(operationId = "addQuota", summary = "AddQuota: attach an imported license item to the project; its"
            + " quota adds to the project's and the license key is unchanged")
    ItemAttachedResponse addQuota(@PathVariable String projectId, @RequestBody ItemRequest request,
                                  HttpServletRequest http) {
        return attached(projectId, request, http, attachment::addQuota);
    }

    @PostMapping("/api/v1/projects/{projectId}/renewals")
    @Operation(operationId = "renewLicense", summary = "RenewLicense: attach an imported item whose renewalOf names an"
            + " item of the project; importing such a file does this by itself")
    ItemAttachedResponse renewLicense(@PathVariable String projectId, @RequestBody ItemRequest request,
                                      HttpServletRequest http) {
        return attached(projectId, request, http, attachment::renew);
    }

    private interface Attachment {
        boolean attach(ProjectId projectId, ItemId itemId, Map<String, ?> metaData);
    }

    private static ItemAttachedResponse attached(String projectId, ItemRequest request, HttpServletRequest http,
                                                 Attachment attachment) {
        ProjectId project = Identifiers.projectId(projectId);
        ItemId itemId = Identifiers.itemId(request.itemId());
        return new ItemAttachedResponse(project.value(), itemId.value(),
                attachment.attach(project, itemId, RequestContext.metaData(http)));
    }

    @DeleteMapping("/api/v1/projects/{projectId}/items/{itemId}")
    @Operation(operationId = "detachItem", summary = "Detach an item: its devices are unregistered, its quota no"
            + " longer counts here, and it may be attached to another project")
    ItemDetachedResponse detach(@PathVariable String projectId, @PathVariable String itemId,
                                HttpServletRequest http) {
        ProjectId project = Identifiers.projectId(projectId);
        ItemId item = Identifiers.itemId(itemId);
        attachment.detach(project, item, RequestContext.metaData(http));
        return new ItemDetachedResponse(project.value(), item.value(), true);
    }
}
