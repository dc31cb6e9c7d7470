package io.licenseledger.command.quota;

import io.licenseledger.events.ItemId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.service.RequestContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Projects (admin)")
class QuotaController {

    record AttachItemRequest(String itemId) {
    }

    record ItemAttachedResponse(String projectId, String itemId, boolean attached) {
    }

    private final ItemAttachment attachment;

    QuotaController(ItemAttachment attachment) {
        this.attachment = attachment;
    }

    @PostMapping("/api/v1/projects/{projectId}/items")
    @Operation(summary = "Attach an imported license item to the project (add quota); the license key is unchanged")
    ItemAttachedResponse attach(@PathVariable String projectId, @RequestBody AttachItemRequest request,
                                HttpServletRequest http) {
        ProjectId project = new ProjectId(projectId);
        ItemId itemId = new ItemId(request.itemId());
        boolean attachedNow = attachment.attach(project, itemId, RequestContext.metaData(http));
        return new ItemAttachedResponse(project.value(), itemId.value(), attachedNow);
    }
}
