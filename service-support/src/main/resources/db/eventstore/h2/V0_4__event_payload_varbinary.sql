-- Payloads and meta-data in the row instead of H2's LOB store, which reads the ledger several times faster (a replay,
-- a processor catching up). VARBINARY takes up to 1,000,000,000 bytes, H2's largest. Each service applies this under
-- its own history table, and the second ALTER to an unchanged type does nothing.
ALTER TABLE domain_event_entry ALTER COLUMN payload SET DATA TYPE VARBINARY;
ALTER TABLE domain_event_entry ALTER COLUMN meta_data SET DATA TYPE VARBINARY;
ALTER TABLE snapshot_event_entry ALTER COLUMN payload SET DATA TYPE VARBINARY;
ALTER TABLE snapshot_event_entry ALTER COLUMN meta_data SET DATA TYPE VARBINARY;
