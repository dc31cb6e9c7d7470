-- The command side's lookups beside the ledger (this one and the next two) are written by a subscribing event handler
-- in the same transaction as the events they follow, so they never disagree with the ledger; their keys enforce the
-- set rules a single aggregate cannot: one project per item, one answer per usage batch.
CREATE TABLE license_item (
    item_id     VARCHAR(128) NOT NULL PRIMARY KEY,
    license_id  VARCHAR(128) NOT NULL,
    project_id  VARCHAR(128),
    item_json   ${clob} NOT NULL
);
