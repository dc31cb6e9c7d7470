package io.licenseledger.query.projects;

import java.util.List;

public record ProjectPage(int page, int size, long total, List<ProjectListing> projects) {
}
