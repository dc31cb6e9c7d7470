package io.licenseledger.query.quota;

import io.licenseledger.events.Identifiers;
import io.licenseledger.query.projects.KnownProjects;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "Quota and expiry", description = "A project's items, their terms, and what is left of its quota")
record QuotaResource(KnownProjects projects) {

    @GetMapping("/api/v1/projects/{projectId}/items")
    @Operation(summary = "Each attached item: term, status now, admin lifecycle, days to expiry, used and remaining")
    List<ItemStatus> items(@PathVariable String projectId) {
        return projects.askForList(new FindItems(Identifiers.projectId(projectId)), ItemStatus.class);
    }

    @GetMapping("/api/v1/projects/{projectId}/quota")
    @Operation(summary = "Quota, overage allowance, used and remaining per license type, over the items valid now and"
            + " neither suspended nor revoked")
    List<TypeQuota> quota(@PathVariable String projectId) {
        return projects.askForList(new FindQuota(Identifiers.projectId(projectId)), TypeQuota.class);
    }

    @GetMapping("/api/v1/projects/{projectId}/terms")
    @Operation(summary = "Items per renewal chain, terms oldest first, each with its own use (quota is never rolled over)")
    List<RenewalChain> terms(@PathVariable String projectId) {
        return projects.askForList(new FindTerms(Identifiers.projectId(projectId)), RenewalChain.class);
    }
}
