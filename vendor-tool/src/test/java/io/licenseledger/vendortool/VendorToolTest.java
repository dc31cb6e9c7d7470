package io.licenseledger.vendortool;

import io.licenseledger.events.ItemId;
import io.licenseledger.events.licensing.ActiveWindow;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.licensing.OveragePolicy;
import io.licenseledger.licenseformat.Base64Url;
import io.licenseledger.licenseformat.Ed25519PublicKey;
import io.licenseledger.licenseformat.LicenseFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import tools.jackson.core.type.TypeReference;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class VendorToolTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");
    private static final String LICENSE_ID = "ACME-2026-001";
    private static final String DEVICE_ITEM =
            "id=acme-dev,type=PER_DEVICE,seats=50,term=P1Y,activeWindow=P30D,offlineWindow=P7D";
    private static final String USAGE_ITEM = "id=acme-use, type=PER_USAGE, units=100000, overage=PERCENT(20),"
            + " from=2026-04-01T00:00:00Z, until=2027-04-01T00:00:00Z, offlineWindow=P1D";

    @TempDir
    private Path dir;
    private Path keys;
    private Path privateKey;
    private Path publicKey;
    private Path license;

    @BeforeEach
    void paths() {
        keys = dir.resolve("keys");
        privateKey = keys.resolve("vendor-private.jwk.json");
        publicKey = keys.resolve("vendor-public.jwk.json");
        license = dir.resolve("acme.license");
    }

    @Test
    void keygenThenIssueGivesALicenseThatVerifiesWithThePublicKey() throws Exception {
        Run keygen = run("keygen", "--out", keys.toString());
        Run issue = issue("--item", DEVICE_ITEM, "--item", USAGE_ITEM, "--out", license.toString());

        assertThat(keygen.exitCode()).isZero();
        assertThat(issue.exitCode()).as(issue.err()).isZero();
        LicenseFile file = LicenseFile.verify(Files.readString(license), List.of(publicKeyFromFile()));
        assertThat(keygen.out()).contains(file.vendorKeyId());
        assertThat(file.document().licenseId().value()).isEqualTo("ACME-2026-001");
        assertThat(file.document().licensee()).isEqualTo("Acme Corp");
        assertThat(file.document().issuedAt()).isEqualTo(NOW);
        assertThat(file.document().items()).containsExactly(
                new LicenseItem(new ItemId("acme-dev"), LicenseType.PER_DEVICE, 50, NOW,
                        Instant.parse("2027-03-01T10:15:30Z"), ActiveWindow.P30D, Duration.ofDays(7), null,
                        OveragePolicy.percent(10), null),
                new LicenseItem(new ItemId("acme-use"), LicenseType.PER_USAGE, 100_000,
                        Instant.parse("2026-04-01T00:00:00Z"), Instant.parse("2027-04-01T00:00:00Z"), null,
                        Duration.ofDays(1), null, OveragePolicy.percent(20), null));
    }

    @Test
    void issueWithoutOutWritesOnlyTheLicenseToStdout() throws Exception {
        run("keygen", "--out", keys.toString());

        Run issue = issue("--issued-at", "2026-01-15T00:00:00Z", "--item",
                "id=conc-1,type=CONCURRENT_DEVICE,seats=5,until=2027-01-15T00:00:00Z,offlineWindow=PT1H,"
                        + "renewalOf=conc-0");

        assertThat(issue.exitCode()).as(issue.err()).isZero();
        LicenseFile file = LicenseFile.verify(issue.out(), List.of(publicKeyFromFile()));
        LicenseItem item = file.document().items().get(0);
        assertThat(file.document().issuedAt()).isEqualTo(Instant.parse("2026-01-15T00:00:00Z"));
        assertThat(item.validFrom()).isEqualTo(Instant.parse("2026-01-15T00:00:00Z"));
        assertThat(item.seatLease()).isEqualTo(Duration.ofMinutes(3));
        assertThat(item.overage()).isEqualTo(OveragePolicy.NONE);
        assertThat(item.renewalOf()).isEqualTo(new ItemId("conc-0"));
    }

    @Test
    void keygenWritesAPrivateKeyOnlyItsOwnerCanReadAndNeverPrintsIt() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));

        Run keygen = run("keygen", "--out", keys.toString());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey))).isEqualTo("rw-------");
        assertThat(jwk(privateKey)).containsKeys("d", "x");
        assertThat(jwk(publicKey)).containsKey("x").doesNotContainKey("d");
        assertThat(keygen.out()).contains(privateKey.toString(), publicKey.toString())
                .doesNotContain((String) jwk(privateKey).get("d"));
    }

    @Test
    void keygenRefusesToOverwriteAnExistingKey() throws Exception {
        run("keygen", "--out", keys.toString());
        String before = Files.readString(privateKey);

        Run again = run("keygen", "--out", keys.toString());

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already exists", "--force").doesNotContain("Exception");
        assertThat(Files.readString(privateKey)).isEqualTo(before);
    }

    @Test
    void keygenWithForceReplacesTheKeyPair() throws Exception {
        run("keygen", "--out", keys.toString());
        String before = Files.readString(privateKey);

        Run forced = run("keygen", "--out", keys.toString(), "--force");

        assertThat(forced.exitCode()).isZero();
        assertThat(Files.readString(privateKey)).isNotEqualTo(before);
        assertThat(Ed25519PublicKey.fromJwk(jwk(publicKey)).keyId()).isEqualTo(jwk(privateKey).get("kid"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            seats=50           | sets=50                                  | unknown key 'sets'
            seats=50           | seats                                    | expected key=value, got 'seats'
            seats=50           | seats=50,seats=6                         | seats is given twice
            seats=50           | seats=fifty                              | seats must be
            seats=50           | seats=0                                  | seats must be
            type=PER_DEVICE    | type=PER_USAGE                           | seats does not apply to PER_USAGE
            type=PER_DEVICE    | type=PER_SEAT                            | type must be
            id=acme-dev        | id=acme dev                              | itemId must be
            ,activeWindow=P30D | ''                                       | activeWindow
            offlineWindow=P7D  | offlineWindow=PT2M                       | offlineWindow
            offlineWindow=P7D  | offlineWindow=P366D                      | offlineWindow
            offlineWindow=P7D  | offlineWindow=P7D,overage=PERCENT(101)   | overage
            offlineWindow=P7D  | offlineWindow=P7D,overage=PERCENT(0)     | overage
            offlineWindow=P7D  | offlineWindow=P7D,overage=FOO            | overage
            term=P1Y           | term=1y                                  | term must be
            term=P1Y           | term=-P1Y                                | validFrom must be before validUntil
            term=P1Y,          | ''                                       | until or term is required
            term=P1Y           | term=P1Y,until=2027-01-01T00:00:00Z      | until or term, not both
            term=P1Y           | until=2027-01-01                         | until must be
            term=P1Y           | from=tomorrow,term=P1Y                   | from must be
            """)
    void badItemSpecIsAUsageErrorNamingTheField(String valid, String invalid, String expectedMessage)
            throws Exception {
        assertThat(DEVICE_ITEM).contains(valid);
        run("keygen", "--out", keys.toString());

        Run issue = issue("--item", DEVICE_ITEM.replace(valid, invalid), "--out", license.toString());

        assertThat(issue.exitCode()).isEqualTo(2);
        assertThat(issue.err()).startsWith("ll-vendor issue: items[0]: ").contains(expectedMessage);
        assertThat(issue.err().lines()).hasSize(1);
        assertThat(license).doesNotExist();
    }

    static Stream<Arguments> issuesThatAreUsageErrors() {
        return Stream.of(
                Arguments.of("a PER_USAGE item without units", LICENSE_ID,
                        List.of("--item", DEVICE_ITEM, "--item", "id=u,type=PER_USAGE,term=P1Y,offlineWindow=P1D"),
                        List.of("items[1]: units must be a whole number")),
                Arguments.of("two items with one id", LICENSE_ID,
                        List.of("--item", DEVICE_ITEM, "--item", DEVICE_ITEM.replace("seats=50", "seats=5")),
                        List.of("items[1].itemId acme-dev appears twice")),
                Arguments.of("an invalid license id", "ACME 2026", List.of("--item", DEVICE_ITEM),
                        List.of("licenseId must be")),
                Arguments.of("a bad issue time", LICENSE_ID, List.of("--issued-at", "yesterday", "--item", DEVICE_ITEM),
                        List.of("--issued-at", "ISO-8601 instant")),
                Arguments.of("no item", LICENSE_ID, List.of(), List.of("--item")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("issuesThatAreUsageErrors")
    void issueWithBadInputIsAUsageErrorNamingIt(String input, String licenseId, List<String> options,
                                                List<String> expectedMessages) throws Exception {
        run("keygen", "--out", keys.toString());

        Run issue = issueAs(licenseId, options.toArray(String[]::new));

        assertThat(issue.exitCode()).isEqualTo(2);
        assertThat(issue.err()).contains(expectedMessages);
    }

    @Test
    void missingKeyFileFailsInOneLineWithoutAStackTrace() {
        Run issue = issue("--item", DEVICE_ITEM);

        assertThat(issue.exitCode()).isEqualTo(1);
        assertThat(issue.err()).isEqualTo("ll-vendor issue: cannot read private key file " + privateKey
                + ": no such file or directory" + System.lineSeparator());
    }

    @Test
    void publicKeyIsRefusedAsASigningKey() throws Exception {
        run("keygen", "--out", keys.toString());

        Run issue = run("issue", "--key", publicKey.toString(), "--license-id", "ACME-2026-001", "--licensee", "Acme",
                "--item", DEVICE_ITEM);

        assertThat(issue.exitCode()).isEqualTo(1);
        assertThat(issue.err()).contains("not an Ed25519 private key");
    }

    @Test
    void inspectPrintsThePayloadAndAVerifiedSignature() throws Exception {
        issueOneItemLicense();

        Run inspect = run("inspect", license.toString(), "--trust", publicKey.toString());

        assertThat(inspect.exitCode()).as(inspect.err()).isZero();
        assertThat(Json.MAPPER.readTree(inspect.out()).path("licenseId").asString()).isEqualTo("ACME-2026-001");
        assertThat(inspect.out()).contains("\"items\"");
        assertThat(inspect.err()).contains("a valid license with 1 item", "signature:   verified");
    }

    @Test
    void inspectReportsASignatureByAnUntrustedKey() throws Exception {
        issueOneItemLicense();
        Path otherKeys = dir.resolve("other-keys");
        run("keygen", "--out", otherKeys.toString());
        Path otherPublicKey = otherKeys.resolve("vendor-public.jwk.json");

        Run inspect = run("inspect", license.toString(), "--trust", otherPublicKey.toString());

        assertThat(inspect.exitCode()).isEqualTo(1);
        assertThat(inspect.out()).contains("ACME-2026-001");
        assertThat(inspect.err()).contains("signature:   INVALID", "does not verify");
    }

    @Test
    void inspectReportsATamperedLicense() throws Exception {
        issueOneItemLicense();
        String[] parts = Files.readString(license).trim().split("\\.");
        String payload = new String(Base64Url.decode(parts[1], "payload"), StandardCharsets.UTF_8);
        String moreSeats = payload.replace("\"seats\":50", "\"seats\":500");
        Files.writeString(license, parts[0] + "." + Base64Url.encode(moreSeats.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2]);

        Run inspect = run("inspect", license.toString(), "--trust", publicKey.toString());

        assertThat(inspect.exitCode()).isEqualTo(1);
        assertThat(inspect.out()).contains("500");
        assertThat(inspect.err()).contains("signature:   INVALID");
    }

    @Test
    void inspectWithoutTrustSaysTheSignatureWasNotChecked() throws Exception {
        issueOneItemLicense();

        Run inspect = run("inspect", license.toString());

        assertThat(inspect.exitCode()).isZero();
        assertThat(inspect.err()).contains("signature:   not checked");
    }

    @Test
    void inspectRefusesAFileThatIsNotALicense() {
        Run inspect = run("inspect", dir.toString() + "/missing.license");

        assertThat(inspect.exitCode()).isEqualTo(1);
        assertThat(inspect.err()).startsWith("ll-vendor inspect: cannot read license file");
    }

    @Test
    void noCommandIsAUsageError() {
        Run none = run();

        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("missing command");
    }

    /** A key pair in {@code keys} and a license of {@code DEVICE_ITEM} signed with it in {@code license}. */
    private void issueOneItemLicense() {
        run("keygen", "--out", keys.toString());
        assertThat(issue("--item", DEVICE_ITEM, "--out", license.toString()).exitCode()).isZero();
    }

    private Run issue(String... itemOptions) {
        return issueAs(LICENSE_ID, itemOptions);
    }

    private Run issueAs(String licenseId, String... itemOptions) {
        List<String> args = new ArrayList<>(List.of("issue", "--key", privateKey.toString(),
                "--license-id", licenseId, "--licensee", "Acme Corp"));
        args.addAll(List.of(itemOptions));
        return run(args.toArray(String[]::new));
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = VendorTool.commandLine(Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private Ed25519PublicKey publicKeyFromFile() throws IOException {
        return Ed25519PublicKey.fromJwk(jwk(publicKey));
    }

    private static Map<String, Object> jwk(Path file) throws IOException {
        return Json.MAPPER.readValue(Files.readString(file), new TypeReference<Map<String, Object>>() { });
    }

    private record Run(int exitCode, String out, String err) {
    }
}
