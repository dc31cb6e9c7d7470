package io.licenseledger.command.licensing;

import io.licenseledger.events.InvalidValueException;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.service.RequestContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

@RestController
@Tag(name = "Licenses (admin)")
record LicenseController(LicenseImporter importer) {

    record ImportLicenseRequest(String licenseFile) {
    }

    record RenewalAttached(String itemId, String renews, String projectId) {
    }

    record LicenseImportedResponse(String licenseId, String licensee, boolean alreadyImported, List<LicenseItem> items,
                                   List<RenewalAttached> renewalsAttached) {
    }

    record LicensePreviewResponse(String licenseId, String licensee, Instant issuedAt, boolean alreadyImported,
                                  List<LicenseImporter.ItemPreview> items) {
    }

    @PostMapping(path = "/api/v1/licenses/preview", consumes = {"application/json"})
    @Operation(summary = "Check a license file as an import would and show what it holds, recording nothing: its "
            + "items, whether each is imported already and on which project, and which project a renewal would join")
    LicensePreviewResponse previewJson(@RequestBody ImportLicenseRequest request) {
        if (request.licenseFile() == null || request.licenseFile().isBlank()) {
            throw new InvalidValueException("licenseFile is required");
        }
        return preview(request.licenseFile());
    }

    @PostMapping(path = "/api/v1/licenses/preview", consumes = {"text/plain", "application/jose"})
    @Operation(summary = "The same preview, the license file sent as the raw compact JWS")
    LicensePreviewResponse previewRaw(@RequestBody String licenseFile) {
        return preview(licenseFile);
    }

    private LicensePreviewResponse preview(String licenseFile) {
        LicenseImporter.Preview preview = importer.preview(licenseFile);
        var document = preview.file().document();
        boolean imported = !preview.items().isEmpty()
                && preview.items().stream().allMatch(LicenseImporter.ItemPreview::imported);
        return new LicensePreviewResponse(document.licenseId().value(), document.licensee(), document.issuedAt(),
                imported, preview.items());
    }

    @PostMapping(path = "/api/v1/licenses", consumes = {"application/json"})
    @Operation(summary = "Import a vendor-signed license file ({\"licenseFile\": \"<compact JWS>\"}); "
            + "the same file again changes nothing")
    ResponseEntity<LicenseImportedResponse> importJson(@RequestBody ImportLicenseRequest request,
                                                       HttpServletRequest http) {
        if (request.licenseFile() == null || request.licenseFile().isBlank()) {
            throw new InvalidValueException("licenseFile is required");
        }
        return respond(importer.importFile(request.licenseFile(), RequestContext.metaData(http)));
    }

    @PostMapping(path = "/api/v1/licenses", consumes = {"text/plain", "application/jose"})
    @Operation(summary = "Import a vendor-signed license file sent as the raw compact JWS")
    ResponseEntity<LicenseImportedResponse> importRaw(@RequestBody String licenseFile, HttpServletRequest http) {
        return respond(importer.importFile(licenseFile, RequestContext.metaData(http)));
    }

    private static ResponseEntity<LicenseImportedResponse> respond(LicenseImporter.ImportResult result) {
        boolean repeat = result.outcome() == License.ImportOutcome.ALREADY_IMPORTED;
        var document = result.file().document();
        List<RenewalAttached> renewals = result.renewals().stream()
                .map(r -> new RenewalAttached(r.item().itemId().value(), r.item().renewalOf().value(),
                        r.projectId().value()))
                .toList();
        return ResponseEntity.status(repeat ? HttpStatus.OK : HttpStatus.CREATED).body(new LicenseImportedResponse(
                document.licenseId().value(), document.licensee(), repeat, document.items(), renewals));
    }
}
