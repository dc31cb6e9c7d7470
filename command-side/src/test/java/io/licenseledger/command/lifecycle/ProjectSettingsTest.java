package io.licenseledger.command.lifecycle;

import io.licenseledger.command.project.ProjectScenario;
import io.licenseledger.command.alerts.SetAlertRecipients;
import io.licenseledger.command.lifecycle.SetAllowedApps;
import io.licenseledger.events.AppId;
import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.project.AlertRecipientsChanged;
import io.licenseledger.events.project.AllowedAppsChanged;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static io.licenseledger.command.TestItems.perDevice;
import static io.licenseledger.command.project.ProjectFixtures.NOW;
import static io.licenseledger.command.project.ProjectFixtures.NOW_PLUS_30_DAYS;
import static io.licenseledger.command.project.ProjectFixtures.NOW_PLUS_7_DAYS;
import static io.licenseledger.command.project.ProjectFixtures.PROJECT;
import static io.licenseledger.command.project.ProjectFixtures.TERM_END;
import static io.licenseledger.command.project.ProjectFixtures.TERM_START;
import static io.licenseledger.command.project.ProjectFixtures.attached;
import static io.licenseledger.command.project.ProjectFixtures.authorizeApp;
import static io.licenseledger.command.project.ProjectFixtures.created;
import static io.licenseledger.command.project.ProjectFixtures.createdForApps;
import static io.licenseledger.command.project.ProjectFixtures.granted;
import static io.licenseledger.command.project.ProjectFixtures.grantedApp;
import static io.licenseledger.command.project.ProjectFixtures.refusedApp;
import static io.licenseledger.command.project.ProjectFixtures.refusedFor;

/** What an admin configures on a project: the app ids it serves (A9) and where its alerts go (N2). */
class ProjectSettingsTest {

    private static final LicenseItem SEATS = perDevice("seats", 10, "NONE", TERM_START, TERM_END);
    private static final String HOOK = "https://hooks.acme.example/ledger";
    private static final String OPS = "ops@acme.example";

    private final ProjectScenario fixture = new ProjectScenario();

    // ---- Allowed apps ----

    @Test
    void restrictingTheAppsOfAnOpenProjectIsRecorded() {
        fixture.given(created(), attached(SEATS))
                .when(new SetAllowedApps(PROJECT, apps("com.acme.scanner", "com.acme.viewer")))
                .expectEvents(new AllowedAppsChanged(PROJECT, apps("com.acme.scanner", "com.acme.viewer")));
    }

    @Test
    void settingTheSameAppsAgainInAnotherOrderChangesNothing() {
        fixture.given(createdForApps("com.acme.scanner", "com.acme.viewer"), attached(SEATS))
                .when(new SetAllowedApps(PROJECT, apps("com.acme.viewer", "com.acme.scanner")))
                .expectSuccessWithNoEvents();
    }

    @Test
    void leavingAnOpenProjectOpenChangesNothing() {
        fixture.given(created(), attached(SEATS))
                .when(new SetAllowedApps(PROJECT, Set.of()))
                .expectNoEvents();
    }

    @Test
    void appOutsideTheNewListIsRefused() {
        fixture.given(created(), attached(SEATS))
                .andGivenCommands(new SetAllowedApps(PROJECT, apps("com.acme.scanner")))
                .when(authorizeApp("dev-1", "com.acme.viewer", NOW))
                .expectRefused(refusedApp("dev-1", "com.acme.viewer", ErrorCode.APP_NOT_ALLOWED, NOW));
    }

    @Test
    void appOnTheNewListIsServed() {
        fixture.given(createdForApps("com.acme.viewer"), attached(SEATS))
                .andGivenCommands(new SetAllowedApps(PROJECT, apps("com.acme.scanner")))
                .when(authorizeApp("dev-1", "com.acme.scanner", NOW))
                .expectEvents(grantedApp("dev-1", "com.acme.scanner", SEATS, true, false, NOW, NOW_PLUS_30_DAYS,
                        NOW_PLUS_7_DAYS));
    }

    @Test
    void clearingTheListServesEveryAppAgain() {
        fixture.given(createdForApps("com.acme.scanner"), attached(SEATS),
                        new AllowedAppsChanged(PROJECT, Set.of()))
                .when(authorizeApp("dev-1", "com.anyone.app", NOW))
                .expectEvents(grantedApp("dev-1", "com.anyone.app", SEATS, true, false, NOW, NOW_PLUS_30_DAYS,
                        NOW_PLUS_7_DAYS));
    }

    @Test
    void registeredDeviceOfAnAppTakenOffTheListIsRefused() {
        fixture.given(created(), attached(SEATS),
                        granted("dev-1", SEATS, true, false, NOW, NOW_PLUS_30_DAYS, NOW_PLUS_7_DAYS))
                .andGivenCommands(new SetAllowedApps(PROJECT, apps("com.acme.scanner")))
                .when(authorizeApp("dev-1", "com.acme.viewer", NOW.plusSeconds(1)))
                .expectResultMessagePayloadMatching(refusedFor(ErrorCode.APP_NOT_ALLOWED));
    }

    // ---- Alert recipients ----

    @Test
    void firstRecipientsAreRecorded() {
        fixture.given(created())
                .when(new SetAlertRecipients(PROJECT, List.of(HOOK), List.of(OPS)))
                .expectEvents(new AlertRecipientsChanged(PROJECT, List.of(HOOK), List.of(OPS)));
    }

    @Test
    void sameRecipientsAgainChangeNothing() {
        fixture.given(created(), new AlertRecipientsChanged(PROJECT, List.of(HOOK), List.of(OPS)))
                .when(new SetAlertRecipients(PROJECT, List.of(HOOK), List.of(OPS)))
                .expectSuccessWithNoEvents();
    }

    @Test
    void noRecipientsForAProjectThatHasNoneChangesNothing() {
        fixture.given(created())
                .when(new SetAlertRecipients(PROJECT, List.of(), List.of()))
                .expectNoEvents();
    }

    @Test
    void changingOnlyTheEmailAddressesIsRecorded() {
        fixture.given(created(), new AlertRecipientsChanged(PROJECT, List.of(HOOK), List.of(OPS)))
                .when(new SetAlertRecipients(PROJECT, List.of(HOOK), List.of()))
                .expectEvents(new AlertRecipientsChanged(PROJECT, List.of(HOOK), List.of()));
    }

    @Test
    void changingOnlyTheWebhooksIsRecorded() {
        fixture.given(created(), new AlertRecipientsChanged(PROJECT, List.of(HOOK), List.of(OPS)))
                .when(new SetAlertRecipients(PROJECT, List.of(HOOK, HOOK + "/second"), List.of(OPS)))
                .expectEvents(new AlertRecipientsChanged(PROJECT, List.of(HOOK, HOOK + "/second"), List.of(OPS)));
    }

    private static Set<AppId> apps(String... appIds) {
        Set<AppId> apps = new LinkedHashSet<>();
        for (String appId : appIds) {
            apps.add(new AppId(appId));
        }
        return apps;
    }
}
