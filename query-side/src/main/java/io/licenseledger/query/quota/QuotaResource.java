package io.licenseledger.query.quota;

import io.licenseledger.events.Identifiers;
import io.licenseledger.query.projects.KnownProjects;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "Quota and expiry", description = "A project's items, their terms, and what is left of its quota")
class QuotaResource {

    private final QueryGateway queries;
    private final KnownProjects knownProjects;

    QuotaResource(QueryGateway queries, KnownProjects knownProjects) {
        this.queries = queries;
        this.knownProjects = knownProjects;
    }

    @GetMapping("/api/v1/projects/{projectId}/items")
    @Operation(summary = "Each attached item: term, status now, admin lifecycle, days to expiry, used and remaining")
    List<ItemStatus> items(@PathVariable String projectId) {
        FindItems query = new FindItems(Identifiers.projectId(projectId));
        knownProjects.require(query.projectId());
        return queries.query(query, ResponseTypes.multipleInstancesOf(ItemStatus.class)).join();
    }

    @GetMapping("/api/v1/projects/{projectId}/quota")
    @Operation(summary = "Quota, overage allowance, used and remaining per license type, over the items valid now and"
            + " neither suspended nor revoked")
    List<TypeQuota> quota(@PathVariable String projectId) {
        FindQuota query = new FindQuota(Identifiers.projectId(projectId));
        knownProjects.require(query.projectId());
        return queries.query(query, ResponseTypes.multipleInstancesOf(TypeQuota.class)).join();
    }

    @GetMapping("/api/v1/projects/{projectId}/terms")
    @Operation(summary = "Items per renewal chain, terms oldest first, each with its own use (quota is never rolled over)")
    List<RenewalChain> terms(@PathVariable String projectId) {
        FindTerms query = new FindTerms(Identifiers.projectId(projectId));
        knownProjects.require(query.projectId());
        return queries.query(query, ResponseTypes.multipleInstancesOf(RenewalChain.class)).join();
    }
}
