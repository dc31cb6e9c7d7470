package io.licenseledger.vendortool;

import io.licenseledger.licenseformat.Ed25519PrivateKey;
import io.licenseledger.licenseformat.LicenseDocument;
import io.licenseledger.licenseformat.LicenseFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "issue", mixinStandardHelpOptions = true, usageHelpWidth = 110,
        description = "Issues a license file: builds the license from the options, checks it as the server will,"
                + " signs it with the vendor's private key and writes the compact JWS.",
        footer = {"", "Item spec: comma-separated key=value pairs:",
                "  id=<itemId>",
                "  type=PER_DEVICE|CONCURRENT_DEVICE|PER_USAGE",
                "  seats=<n> (device types) or units=<n> (PER_USAGE)",
                "  from=<instant>            default: the issue time",
                "  until=<instant> or term=<period>, e.g. term=P365D or term=P1Y",
                "  activeWindow=P1D|P30D|P90D|P365D   PER_DEVICE only, required",
                "  offlineWindow=<duration>  PT3M..P365D, required",
                "  seatLease=<duration>      CONCURRENT_DEVICE only, default PT3M",
                "  overage=NONE|PERCENT(n)|UNLIMITED",
                "      default PERCENT(10) for PER_DEVICE, NONE for CONCURRENT_DEVICE,",
                "      PERCENT(5) for PER_USAGE",
                "  renewalOf=<itemId of the item this one renews>",
                "Errors name the items as items[0], items[1]... in --item order.",
                "",
                "Example:",
                "  ll-vendor issue --key vendor-private.jwk.json --license-id ACME-2026-001 \\",
                "    --licensee 'Acme Corp' \\",
                "    --item id=acme-dev,type=PER_DEVICE,seats=50,term=P1Y,activeWindow=P30D,offlineWindow=P7D \\",
                "    --item 'id=acme-use,type=PER_USAGE,units=10000,term=P1Y,offlineWindow=P1D,overage=PERCENT(20)' \\",
                "    --out acme.license"})
final class IssueCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "<private jwk file>",
            description = "The vendor's private key, as written by keygen.")
    private Path keyFile;

    @Option(names = "--license-id", required = true, paramLabel = "<id>",
            description = "1..128 characters of [A-Za-z0-9._:-], unique among the vendor's licenses.")
    private String licenseId;

    @Option(names = "--licensee", required = true, paramLabel = "<name>", description = "Who the license is for.")
    private String licensee;

    @Option(names = "--issued-at", paramLabel = "<instant>", converter = InstantConverter.class,
            description = "ISO-8601 instant such as 2026-01-01T00:00:00Z; default now.")
    private Instant issuedAt;

    @Option(names = "--item", required = true, paramLabel = "<spec>",
            description = "A license item; repeat for several. See the item spec below.")
    private List<String> itemSpecs;

    @Option(names = "--out", paramLabel = "<file>", description = "Where to write the license file; default stdout.")
    private Path out;

    private final Clock clock;

    IssueCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws CommandFailure {
        LicenseDocument document = document();
        Ed25519PrivateKey key = VendorFiles.readPrivateKey(keyFile);
        String license = document.sign(key);
        if (out == null) {
            spec.commandLine().getOut().println(license);
        } else {
            VendorFiles.write(out, license + System.lineSeparator());
            spec.commandLine().getOut().printf("wrote license %s (%d item(s), signed with key %s) to %s%n",
                    document.licenseId(), document.items().size(), key.keyId(), out);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The license as the server will read it: checked by the same parser, with the defaults written out. */
    private LicenseDocument document() {
        Instant issued = issuedAt != null ? issuedAt : clock.instant().truncatedTo(ChronoUnit.SECONDS);
        ObjectNode payload = Json.MAPPER.createObjectNode();
        payload.put("licenseId", licenseId);
        payload.put("licensee", licensee);
        payload.put("issuedAt", issued.toString());
        ArrayNode items = payload.putArray("items");
        for (int i = 0; i < itemSpecs.size(); i++) {
            try {
                items.add(ItemSpec.toPayloadItem(itemSpecs.get(i), issued));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "items[" + i + "]: " + e.getMessage());
            }
        }
        try {
            return LicenseDocument.parse(Json.MAPPER.writeValueAsBytes(payload));
        } catch (LicenseFormatException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    static final class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return ItemSpec.parseInstant(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
