package io.licenseledger.query.projects;

import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.LedgerException;
import io.licenseledger.events.ProjectId;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The one way the HTTP resources tell an unknown project (404) from a project with nothing to show yet. It asks
 * outside any query handler so that the refusal reaches the caller unwrapped.
 */
@Component
public class KnownProjects {

    private final QueryGateway queries;

    KnownProjects(QueryGateway queries) {
        this.queries = queries;
    }

    /** The answer to a query about one project; an unknown project is refused (404) before it is asked. */
    public <R> R ask(ProjectQuery query, Class<R> answer) {
        require(query.projectId());
        return queries.query(query, ResponseTypes.instanceOf(answer)).join();
    }

    /** The answers to a query about one project; an unknown project is refused (404) before it is asked. */
    public <R> List<R> askForList(ProjectQuery query, Class<R> answer) {
        require(query.projectId());
        return queries.query(query, ResponseTypes.multipleInstancesOf(answer)).join();
    }

    public ProjectSummary require(ProjectId projectId) {
        Optional<ProjectSummary> project = queries.query(new FindProject(projectId),
                ResponseTypes.optionalInstanceOf(ProjectSummary.class)).join();
        return project.orElseThrow(() -> new LedgerException(ErrorCode.PROJECT_NOT_FOUND,
                "no project " + projectId));
    }
}
