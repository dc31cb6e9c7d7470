package io.licenseledger.events.project;

import io.licenseledger.events.Copies;
import io.licenseledger.events.ProjectId;
import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * Where the project's alerts go from now on (rule N2): webhook URLs and e-mail addresses. The webhooks' signing
 * secret is not recorded here (rule AU3).
 */
@Revision("1")
public record AlertRecipientsChanged(ProjectId projectId, List<String> webhookUrls, List<String> emailAddresses)
        implements ProjectEvent {

    public AlertRecipientsChanged {
        webhookUrls = Copies.list(webhookUrls);
        emailAddresses = Copies.list(emailAddresses);
    }
}
