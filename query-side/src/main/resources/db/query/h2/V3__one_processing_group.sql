-- The five query processors became one, query-read-models. It starts from the tail of the ledger, so the read models
-- are emptied and rebuilt from the whole ledger rather than counted again on top of what the old processors wrote.
DELETE FROM token_entry
 WHERE processor_name IN ('query-projects', 'query-devices', 'query-quota', 'query-usage', 'query-alerts');
DELETE FROM qry_project;
DELETE FROM qry_alert_recipient;
DELETE FROM qry_refusal_count;
DELETE FROM qry_device;
DELETE FROM qry_device_unregistration;
DELETE FROM qry_item;
DELETE FROM qry_item_seat;
DELETE FROM qry_item_units;
DELETE FROM qry_usage_batch;
DELETE FROM qry_usage_hour;
DELETE FROM qry_alert;
