package io.licenseledger.e2e;

import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.OveragePolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin console in a real headless Chromium against both real services: sign in (and a wrong token refused in the
 * page), the project on the overview, a license file imported and attached, quota added and the remaining figure
 * following, a device authorized through the SDK API appearing on the open page within a second with no reload, then
 * unregistered, a refused action's message, the ledger page, and the auditor's read-only view. Screenshots of every
 * page go to {@code target/screenshots}. Skipped, saying so, where no Chromium is installed; failed on CI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminConsoleTest {

    private static final String AUDITOR_TOKEN = "console-auditor-token-0123456789abcdef";
    private static final Duration LIVE_WITHIN = Duration.ofSeconds(1);

    private ConsoleBrowser browser;
    private LedgerCluster cluster;
    private String projectId;
    private String licenseKey;

    @BeforeAll
    void start() throws Exception {
        browser = ConsoleBrowser.startOrSkip();
        cluster = LedgerCluster.onSelectedStore("ledger-console")
                .withEnvironment("LEDGER_AUDITOR_TOKEN", AUDITOR_TOKEN).start();
        LicenseItem seats = Items.perDevice("demo-devices", 10, OveragePolicy.percent(10));
        LicenseItem units = Items.perUsage("demo-usage", 100_000, OveragePolicy.percent(5));
        assertThat(cluster.importLicense(cluster.signLicense("DEMO-LICENSE", seats, units)).status()).isEqualTo(201);
        String[] project = cluster.createProjectWith("Demo project", seats.itemId(), units.itemId());
        projectId = project[0];
        licenseKey = project[1];
        reportUsage("seed-device");
    }

    /** A few hours of usage over two features, for the chart. */
    private void reportUsage(String deviceId) {
        Instant now = Instant.now();
        List<Map<String, Object>> entries = new ArrayList<>();
        for (int hour = 0; hour < 6; hour++) {
            entries.add(Map.of("at", now.minus(Duration.ofHours(hour)).toString(), "units", 40 + hour * 15,
                    "feature", "scan"));
            entries.add(Map.of("at", now.minus(Duration.ofHours(hour)).toString(), "units", 10 + hour * 5,
                    "feature", "ocr"));
        }
        LedgerCluster.Response answer = cluster.post(cluster.command(), "/api/v1/usage", Map.of("licenseKey",
                licenseKey, "deviceId", deviceId, "batchId", "console-batch", "entries", entries), null);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    }

    @AfterAll
    void stop() throws Exception {
        try (var closing = cluster) {
            if (browser != null) {
                browser.close();
            }
        }
    }

    @Test
    @Order(1)
    void aWrongTokenIsRefusedWithAMessageInThePage() throws Exception {
        browser.open(cluster.query() + "/");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/console/sign-in");

        signIn("not-a-token-of-this-ledger");

        assertThat(browser.message("error", "not an admin or auditor API token").getText())
                .contains("UNAUTHENTICATED");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/console/sign-in");
        browser.screenshot("1-sign-in-refused");
    }

    @Test
    @Order(2)
    void theAdminSignsInAndSeesTheProjectOnTheOverview() throws Exception {
        signIn(cluster.adminToken);

        WebElement row = browser.find("tr[data-project='" + projectId + "']");
        assertThat(row.getText()).contains("Demo project", "ACTIVE", "PER_DEVICE", "PER_USAGE", "0 / 10 (+1 overage)",
                "600 / 100000 (+5000 overage)");
        assertThat(browser.text(".role")).isEqualTo("admin");
        assertThat(browser.driver.manage().getCookieNamed("LEDGER_CONSOLE").isHttpOnly()).isTrue();
        browser.screenshot("2-overview");
    }

    @Test
    @Order(3)
    void aLicenseFileIsShownBeforeItIsImportedAndAttached() throws Exception {
        LicenseItem extra = Items.perDevice("extra-devices", 5, OveragePolicy.NONE);
        Path file = Files.createTempFile("console-", ".license");
        Files.writeString(file, cluster.signLicense("EXTRA-LICENSE", extra));
        browser.open(cluster.query() + "/console/import");

        browser.find("#license-file-input").sendKeys(file.toAbsolutePath().toString());

        assertThat(browser.text("#preview-license")).isEqualTo("EXTRA-LICENSE");
        assertThat(browser.find("#preview").getText()).contains("extra-devices", "PER_DEVICE", "not imported yet", "new");
        assertThat(cluster.countEvents(projectId, "QuotaAdded")).as("nothing recorded by the preview").isEqualTo(2);
        browser.screenshot("4-import-preview");
        browser.find("#import-project option[value='" + projectId + "']").click();
        browser.find("#import-form button[type=submit]").click();

        browser.message("ok", "License EXTRA-LICENSE imported; attached to " + projectId + ": extra-devices");
        assertThat(cluster.countEvents(projectId, "QuotaAdded")).isEqualTo(3);
    }

    @Test
    @Order(4)
    void addingQuotaChangesTheRemainingFigureOnTheOpenPage() throws Exception {
        assertThat(cluster.importLicense(cluster.signLicense("MORE-LICENSE",
                Items.perDevice("more-devices", 20, OveragePolicy.NONE))).status()).isEqualTo(201);
        openProject();
        assertThat(browser.text("#quota-PER_DEVICE .remaining")).isEqualTo("15");

        browser.find("#add-quota-item").sendKeys("more-devices");
        new Actions(browser.driver).doubleClick(browser.find("#add-quota-form button")).perform();

        browser.message("ok", "Item more-devices added to the project's quota");
        browser.waitFor(Duration.ofSeconds(5), page -> browser.text("#quota-PER_DEVICE .remaining").equals("35"));
        assertThat(cluster.countEvents(projectId, "QuotaAdded", "more-devices")).as("sent once").isEqualTo(1);
    }

    @Test
    @Order(5)
    void aDeviceAuthorizedThroughTheSdkAppearsWithinASecondAndIsUnregistered() throws Exception {
        openProject();
        List<Long> delays = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String deviceId = "live-device-" + i;
            LedgerCluster.Response granted = cluster.authorize(licenseKey, deviceId);
            long answeredAt = System.nanoTime();
            assertThat(granted.status()).isEqualTo(200);
            browser.find("#devices tr[data-device='" + deviceId + "']");
            delays.add((System.nanoTime() - answeredAt) / 1_000_000);
        }
        System.out.printf("console live update: device on the open page %s ms after the SDK's answer%n", delays);
        assertThat(delays).allSatisfy(delay -> assertThat(delay).isLessThan(LIVE_WITHIN.toMillis()));
        assertThat(Long.parseLong(browser.text("#device-total"))).isGreaterThanOrEqualTo(3);
        browser.screenshot("3-project");

        browser.find("#devices tr[data-device='live-device-1'] button").click();

        browser.message("ok", "Device live-device-1 unregistered");
        browser.waitFor(Duration.ofSeconds(5), page -> browser.all("#devices tr[data-device='live-device-1']").isEmpty());
        assertThat(cluster.countEvents(projectId, "DeviceUnregistered", "UNREGISTERED_BY_ADMIN")).isEqualTo(1);
    }

    @Test
    @Order(6)
    void aRefusedActionShowsTheApisMessage() throws Exception {
        openProject();
        browser.find("#add-quota-item").sendKeys("no-such-item");
        browser.find("#add-quota-form button").click();

        assertThat(browser.message("error", "ITEM_NOT_FOUND").getText()).contains("no-such-item");
    }

    @Test
    @Order(7)
    void theLedgerPageShowsTheLatestEventsFilteredAndTheReadModelsLag() throws Exception {
        browser.open(cluster.query() + "/console/ledger");
        assertThat(browser.find("#ledger-events").getText()).contains("DeviceAuthorized", "QuotaAdded");
        assertThat(browser.text("#rebuild-phase")).isEqualTo("IDLE");
        assertThat(browser.text("#projection-lag")).endsWith("event(s) behind the ledger");

        browser.find("#event-type option[value='DeviceUnregistered']").click();

        browser.waitFor(Duration.ofSeconds(5), page -> browser.all("#ledger-events tbody tr").size() == 1
                && browser.find("#ledger-events").getText().contains("DeviceUnregistered"));
        browser.screenshot("5-ledger");
    }

    @Test
    @Order(8)
    void theAuditorSeesEverythingAndCanChangeNothing() throws Exception {
        browser.find("header form button").click();
        browser.find("#token");
        signIn(AUDITOR_TOKEN);
        assertThat(browser.text(".role")).isEqualTo("auditor (read-only)");
        openProject();

        assertThat(browser.find("#devices").getText()).contains("live-device-2");
        assertThat(browser.all("main button").stream().map(WebElement::getText).toList())
                .doesNotContain("Unregister", "Suspend", "Reinstate", "Revoke", "Add quota", "Renew");
        assertThat(browser.all("#add-quota-form")).isEmpty();
        Object answer = ((JavascriptExecutor) browser.driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const csrf = document.querySelector('meta[name="csrf-token"]');
                fetch(arguments[0], {method: 'POST', headers: {[csrf.dataset.header]: csrf.content,
                    'Content-Type': 'application/x-www-form-urlencoded'}, body: 'deviceId=live-device-2'})
                  .then(r => r.text().then(t => done(r.status + ' ' + t)));""",
                "/console/projects/" + projectId + "/unregister");
        assertThat((String) answer).startsWith("403").contains("FORBIDDEN");
        assertThat(cluster.countEvents(projectId, "DeviceUnregistered", "live-device-2")).isZero();
        browser.screenshot("6-project-auditor");
    }

    @Test
    @Order(9)
    void thePagesFitAPhoneScreen() throws Exception {
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        for (Map.Entry<String, String> page : Map.of("7-phone-overview", "/console",
                "8-phone-project", "/console/projects/" + projectId).entrySet()) {
            browser.open(cluster.query() + page.getValue());
            browser.find("main h1");
            Long overflow = (Long) ((JavascriptExecutor) browser.driver).executeScript(
                    "return document.documentElement.scrollWidth - window.innerWidth;");
            assertThat(overflow).as(page.getValue() + " scrolls sideways").isLessThanOrEqualTo(0);
            browser.screenshot(page.getKey());
        }
    }

    private void signIn(String token) {
        if (!browser.driver.getCurrentUrl().endsWith("/console/sign-in")) {
            browser.open(cluster.query() + "/console/sign-in");
        }
        WebElement field = browser.find("#token");
        field.clear();
        field.sendKeys(token);
        browser.find("#sign-in-form button").click();
        if (!token.equals("not-a-token-of-this-ledger")) {
            browser.find("#main h1");
            browser.waitFor(Duration.ofSeconds(10), page -> page.getCurrentUrl().endsWith("/console"));
        }
    }

    private void openProject() {
        browser.open(cluster.query() + "/console/projects/" + projectId);
        browser.find("#devices");
        browser.waitFor(Duration.ofSeconds(10), page -> browser.text("#live-state").equals("live: on"));
    }
}
