-- The one PostgreSQL schema of both services as the build of commit 5c2638d left it, the last build with one set of
-- migrations per dialect: the command side's migrations applied (flyway_history_command), then the query side's
-- (flyway_history_query), and one row in every table. pg_dump --schema=previous_build --inserts --no-owner
-- --no-privileges --no-comments, without its psql-only \restrict lines; a test renames the schema.
--
-- PostgreSQL database dump
--


-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: previous_build; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA previous_build;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: alert_delivery; Type: TABLE; Schema: previous_build; Owner: -
--

CREATE TABLE previous_build.alert_delivery (
    delivery_id character varying(64) NOT NULL,
    alert_id character varying NOT NULL,
    project_id character varying(128) NOT NULL,
    channel character varying(16) NOT NULL,
    target character varying(1024) NOT NULL,
    kind character varying(32) NOT NULL,
    license_type character varying(32),
    threshold integer NOT NULL,
    term_key character varying,
    used_value bigint NOT NULL,
    limit_value bigint NOT NULL,
    raised_at timestamp with time zone NOT NULL,
    status character varying(16) NOT NULL,
    attempts integer NOT NULL,
    next_attempt_at timestamp with time zone,
    claimed_until timestamp with time zone,
    last_attempt_at timestamp with time zone,
    last_result character varying(500),
    delivered_at timestamp with time zone
);


--
-- Name: alert_delivery_attempt; Type: TABLE; Schema: previous_build; Owner: -
--

CREATE TABLE previous_build.alert_delivery_attempt (
    delivery_id character varying(64) NOT NULL,
    attempt integer NOT NULL,
    attempted_at timestamp with time zone NOT NULL,
    http_status integer,
    result character varying(500) NOT NULL
);


--
-- Name: alert_recipient; Type: TABLE; Schema: previous_build; Owner: -
--

CREATE TABLE previous_build.alert_recipient (
    project_id character varying(128) NOT NULL,
    channel character varying(16) NOT NULL,
    target character varying(1024) NOT NULL,
    list_index integer NOT NULL
);


--
-- Name: alert_webhook_secret; Type: TABLE; Schema: previous_build; Owner: -
--

CREATE TABLE previous_build.alert_webhook_secret (
    project_id character varying(128) NOT NULL,
    secret character varying(128) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    rotated_at timestamp with time zone
);


--
-- Name: api_token; Type: TABLE; Schema: previous_build; Owner: -
--

CREATE TABLE previous_build.api_token (
    token_hash character varying(64) NOT NULL,
    name character varying(64) NOT NULL,
    role character varying(16) NOT NULL,
    created_at timestamp without time zone NOT NULL
);


--
-- Name: clock_offset; Type: TABLE; Schema: previous_build; Owner: -
--

CREATE TABLE previous_build.clock_offset (
    id integer NOT NULL,
    offset_millis bigint NOT NULL
);


--
-- Name: dead_letter_entry; Type: TABLE; Schema: previous_build; Owner: -
--

CREATE TABLE previous_build.dead_letter_entry (
    deadletteridentifier character varying(255) NOT NULL,
    processinggroup character varying(255) NOT NULL,
    sequenceidentifier character varying(255) NOT NULL,
    sequenceindex bigint NOT NULL,
    messagetype character varying(255) NOT NULL,
    eventidentifier character varying(255) NOT NULL,
    "timestamp" character varying(255) NOT NULL,
    payloadtype character varying(255) NOT NULL,
    payloadrevision character varying(255),
    payload bytea NOT NULL,
    metadata bytea,
    type character varying(255),
    aggregateidentifier character varying(255),
    sequencenumber bigint,
    tokentype character varying(255),
    token bytea,
    enqueuedat character varying(255) NOT NULL,
    lasttouched character varying(255),
    processingstarted character varying(255),
    causetype character varying(255),
    causemessage character varying(1023),
    diagnostics bytea
);


--
-- Name: domain_event_entry; Type: TABLE; Schema: previous_build; Owner: -
--

CREATE TABLE previous_build.domain_event_entry (
    global_index bigint NOT NULL,
    aggregate_identifier character varying(255) NOT NULL,
    sequence_number bigint NOT NULL,
    type character varying(255),
    event_identifier character varying(255) NOT NULL,
    meta_data bytea,
    payload bytea NOT NULL,
    payload_revision character varying(255),
    payload_type character varying(255) NOT NULL,
    time_stamp character varying(255) NOT NULL
);


--
-- Name: domain_event_entry_global_index_seq; Type: SEQUENCE; Schema: previous_build; Owner: -
--

CREATE SEQUENCE previous_build.domain_event_entry_global_index_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: domain_event_entry_global_index_seq; Type: SEQUENCE OWNED BY; Schema: previous_build; Owner: -
--

ALTER SEQUENCE previous_build.domain_event_entry_global_index_seq OWNED BY previous_build.domain_event_entry.global_index;


--
-- Name: flyway_history_command; Type: TABLE; Schema: previous_build; Owner: -
--

CREATE TABLE previous_build.flyway_history_command (
    installed_rank integer NOT NULL,
    version character varying(50),
    description character varying(200) NOT NULL,
    type character varying(20) NOT NULL,
    script character varying(1000) NOT NULL,
    checksum integer,
    installed_by character varying(100) NOT NULL,
    installed_on timestamp without time zone DEFAULT now() NOT NULL,
    execution_time integer NOT NULL,
    success boolean NOT NULL
);


--
-- Name: flyway_history_query; Type: TABLE; Schema: previous_build; Owner: -
--

CREATE TABLE previous_build.flyway_history_query (
    installed_rank integer NOT NULL,
    version character varying(50),
    description character varying(200) NOT NULL,
    type character varying(20) NOT NULL,
    script character varying(1000) NOT NULL,
    checksum integer,
    installed_by character varying(100) NOT NULL,
    installed_on timestamp without time zone DEFAULT now() NOT NULL,
    execution_time integer NOT NULL,
    success boolean NOT NULL
);


--
-- Name: license_item; Type: TABLE; Schema: previous_build; Owner: -
--

CREATE TABLE previous_build.license_item (
    item_id character varying(128) NOT NULL,
    license_id character varying(128) NOT NULL,
    project_id character varying(128),
    item_json text NOT NULL
);


--
-- Name: project_credential; Type: TABLE; Schema: previous_build; Owner: -
--

CREATE TABLE previous_build.project_credential (
    credential_hash character varying(64) NOT NULL,
    project_id character varying(128) NOT NULL
);


--
-- Name: project_deadline; Type: TABLE; Schema: previous_build; Owner: -
--

CREATE TABLE previous_build.project_deadline (
    project_id character varying(128) NOT NULL,
    subject character varying(160) NOT NULL,
    kind character varying(32) NOT NULL,
    due_at timestamp without time zone NOT NULL
);


--
-- Name: qry_alert; Type: TABLE; Schema: previous_build; Owner: -
--

CREATE TABLE previous_build.qry_alert (
    project_id character varying(128) NOT NULL,
    alert_key character(64) NOT NULL,
    alert_id character varying NOT NULL,
    kind character varying(32) NOT NULL,
    license_type character varying(32),
    threshold integer NOT NULL,
    term_key character varying,
    used bigint NOT NULL,
    limit_value bigint NOT NULL,
    raised_at timestamp with time zone NOT NULL
);


--
-- Name: qry_alert_recipient; Type: TABLE; Schema: previous_build; Owner: -
--

CREATE TABLE previous_build.qry_alert_recipient (
    project_id character varying(128) NOT NULL,
    channel character varying(16) NOT NULL,
    list_index integer NOT NULL,
    address character varying NOT NULL
);


--
-- Name: qry_device; Type: TABLE; Schema: previous_build; Owner: -
--

CREATE TABLE previous_build.qry_device (
    project_id character varying(128) NOT NULL,
    device_id character varying(128) NOT NULL,
    device_name character varying,
    license_type character varying(32),
    item_id character varying(128),
    first_seen_at timestamp with time zone NOT NULL,
    last_activity_at timestamp with time zone NOT NULL,
    registered_until timestamp with time zone,
    overage boolean NOT NULL,
    unregistered_at timestamp with time zone,
    unregistration_reason character varying(32)
);


--
-- Name: qry_device_unregistration; Type: TABLE; Schema: previous_build; Owner: -
--

CREATE TABLE previous_build.qry_device_unregistration (
    project_id character varying(128) NOT NULL,
    device_id character varying(128) NOT NULL,
    unregistered_at timestamp with time zone NOT NULL,
    item_id character varying(128),
    reason character varying(32) NOT NULL
);


--
-- Name: qry_item; Type: TABLE; Schema: previous_build; Owner: -
--

CREATE TABLE previous_build.qry_item (
    item_id character varying(128) NOT NULL,
    project_id character varying(128) NOT NULL,
    license_id character varying(128) NOT NULL,
    type character varying(32) NOT NULL,
    quantity bigint NOT NULL,
    valid_from timestamp with time zone NOT NULL,
    valid_until timestamp with time zone NOT NULL,
    overage character varying(32) NOT NULL,
    renewal_of character varying(128),
    attached_at timestamp with time zone NOT NULL,
    lifecycle character varying(16) DEFAULT 'ACTIVE'::character varying NOT NULL,
    lifecycle_note character varying,
    lifecycle_changed_at timestamp with time zone
);


--
-- Name: qry_item_seat; Type: TABLE; Schema: previous_build; Owner: -
--

CREATE TABLE previous_build.qry_item_seat (
    project_id character varying(128) NOT NULL,
    device_id character varying(128) NOT NULL,
    item_id character varying(128) NOT NULL,
    registered_until timestamp with time zone NOT NULL,
    freed_at timestamp with time zone
);


--
-- Name: qry_item_units; Type: TABLE; Schema: previous_build; Owner: -
--

CREATE TABLE previous_build.qry_item_units (
    item_id character varying(128) NOT NULL,
    project_id character varying(128) NOT NULL,
    device_id character varying(128) NOT NULL,
    batch_id character varying(128) NOT NULL,
    units bigint NOT NULL
);


--
-- Name: qry_project; Type: TABLE; Schema: previous_build; Owner: -
--

CREATE TABLE previous_build.qry_project (
    project_id character varying(128) NOT NULL,
    name character varying NOT NULL,
    created_at timestamp with time zone NOT NULL,
    allowed_app_ids character varying NOT NULL,
    status character varying(16) DEFAULT 'ACTIVE'::character varying NOT NULL,
    status_note character varying,
    status_changed_at timestamp with time zone
);


--
-- Name: qry_refusal_count; Type: TABLE; Schema: previous_build; Owner: -
--

CREATE TABLE previous_build.qry_refusal_count (
    project_id character varying(128) NOT NULL,
    reason character varying(64) NOT NULL,
    refusals bigint NOT NULL,
    last_refused_at timestamp with time zone NOT NULL
);


--
-- Name: qry_usage_batch; Type: TABLE; Schema: previous_build; Owner: -
--

CREATE TABLE previous_build.qry_usage_batch (
    project_id character varying(128) NOT NULL,
    device_id character varying(128) NOT NULL,
    batch_id character varying(128) NOT NULL
);


--
-- Name: qry_usage_hour; Type: TABLE; Schema: previous_build; Owner: -
--

CREATE TABLE previous_build.qry_usage_hour (
    project_id character varying(128) NOT NULL,
    hour_start timestamp with time zone NOT NULL,
    feature character varying(128) NOT NULL,
    units bigint NOT NULL
);


--
-- Name: server_signing_key; Type: TABLE; Schema: previous_build; Owner: -
--

CREATE TABLE previous_build.server_signing_key (
    key_id character varying(64) NOT NULL,
    private_jwk text NOT NULL,
    created_at timestamp without time zone NOT NULL
);


--
-- Name: snapshot_event_entry; Type: TABLE; Schema: previous_build; Owner: -
--

CREATE TABLE previous_build.snapshot_event_entry (
    aggregate_identifier character varying(255) NOT NULL,
    sequence_number bigint NOT NULL,
    type character varying(255) NOT NULL,
    event_identifier character varying(255) NOT NULL,
    meta_data bytea,
    payload bytea NOT NULL,
    payload_revision character varying(255),
    payload_type character varying(255) NOT NULL,
    time_stamp character varying(255) NOT NULL
);


--
-- Name: token_entry; Type: TABLE; Schema: previous_build; Owner: -
--

CREATE TABLE previous_build.token_entry (
    processor_name character varying(255) NOT NULL,
    segment integer NOT NULL,
    token bytea,
    token_type character varying(255),
    "timestamp" character varying(255),
    owner character varying(255)
);


--
-- Name: usage_batch; Type: TABLE; Schema: previous_build; Owner: -
--

CREATE TABLE previous_build.usage_batch (
    project_id character varying(128) NOT NULL,
    device_id character varying(128) NOT NULL,
    batch_id character varying(128) NOT NULL,
    fingerprint character varying(64) NOT NULL,
    units_recorded bigint NOT NULL,
    state character varying(16) NOT NULL,
    units_remaining bigint
);


--
-- Name: domain_event_entry global_index; Type: DEFAULT; Schema: previous_build; Owner: -
--

ALTER TABLE ONLY previous_build.domain_event_entry ALTER COLUMN global_index SET DEFAULT nextval('previous_build.domain_event_entry_global_index_seq'::regclass);


--
-- Data for Name: alert_delivery; Type: TABLE DATA; Schema: previous_build; Owner: -
--

INSERT INTO previous_build.alert_delivery VALUES ('alert_delivery-delivery_id-1', 'alert_delivery-alert_id-2', 'alert_delivery-project_id-3', 'alert_delivery-c', 'alert_delivery-target-5', 'alert_delivery-kind-6', 'alert_delivery-license_type-7', 7, 'alert_delivery-term_key-9', 7, 7, '2026-11-29 09:00:00+00', 'alert_delivery-s', 7, '2026-11-29 09:00:00+00', '2026-11-29 09:00:00+00', '2026-11-29 09:00:00+00', 'alert_delivery-last_result-18', '2026-11-29 09:00:00+00');


--
-- Data for Name: alert_delivery_attempt; Type: TABLE DATA; Schema: previous_build; Owner: -
--

INSERT INTO previous_build.alert_delivery_attempt VALUES ('alert_delivery_attempt-delivery_id-1', 7, '2026-11-29 09:00:00+00', 7, 'alert_delivery_attempt-result-5');


--
-- Data for Name: alert_recipient; Type: TABLE DATA; Schema: previous_build; Owner: -
--

INSERT INTO previous_build.alert_recipient VALUES ('alert_recipient-project_id-1', 'alert_recipient-', 'alert_recipient-target-3', 7);


--
-- Data for Name: alert_webhook_secret; Type: TABLE DATA; Schema: previous_build; Owner: -
--

INSERT INTO previous_build.alert_webhook_secret VALUES ('alert_webhook_secret-project_id-1', 'alert_webhook_secret-secret-2', '2026-11-29 09:00:00+00', '2026-11-29 09:00:00+00');


--
-- Data for Name: api_token; Type: TABLE DATA; Schema: previous_build; Owner: -
--

INSERT INTO previous_build.api_token VALUES ('api_token-token_hash-1', 'api_token-name-2', 'api_token-role-3', '2026-11-29 09:00:00');


--
-- Data for Name: clock_offset; Type: TABLE DATA; Schema: previous_build; Owner: -
--

INSERT INTO previous_build.clock_offset VALUES (7, 7);


--
-- Data for Name: dead_letter_entry; Type: TABLE DATA; Schema: previous_build; Owner: -
--

INSERT INTO previous_build.dead_letter_entry VALUES ('dead_letter_entry-deadletteridentifier-1', 'dead_letter_entry-processinggroup-2', 'dead_letter_entry-sequenceidentifier-3', 7, 'dead_letter_entry-messagetype-5', 'dead_letter_entry-eventidentifier-6', 'dead_letter_entry-timestamp-7', 'dead_letter_entry-payloadtype-8', 'dead_letter_entry-payloadrevision-9', '\x7b227061796c6f6164223a327d', '\x7b226d65746164617461223a327d', 'dead_letter_entry-type-12', 'dead_letter_entry-aggregateidentifier-13', 7, 'dead_letter_entry-tokentype-15', '\x7b22746f6b656e223a327d', 'dead_letter_entry-enqueuedat-17', 'dead_letter_entry-lasttouched-18', 'dead_letter_entry-processingstarted-19', 'dead_letter_entry-causetype-20', 'dead_letter_entry-causemessage-21', '\x7b22646961676e6f7374696373223a327d');


--
-- Data for Name: domain_event_entry; Type: TABLE DATA; Schema: previous_build; Owner: -
--

INSERT INTO previous_build.domain_event_entry VALUES (1, 'domain_event_entry-aggregate_identifier-2', 7, 'domain_event_entry-type-4', 'domain_event_entry-event_identifier-5', '\x7b226d6574615f64617461223a327d', '\x7b227061796c6f6164223a327d', 'domain_event_entry-payload_revision-8', 'domain_event_entry-payload_type-9', 'domain_event_entry-time_stamp-10');


--
-- Data for Name: flyway_history_command; Type: TABLE DATA; Schema: previous_build; Owner: -
--

INSERT INTO previous_build.flyway_history_command VALUES (1, '0.1', 'api token', 'SQL', 'V0_1__api_token.sql', -717568456, 'postgres', '2026-12-07 17:36:36.495447', 10, true);
INSERT INTO previous_build.flyway_history_command VALUES (2, '0.2', 'event store', 'SQL', 'V0_2__event_store.sql', 19129003, 'postgres', '2026-12-07 17:36:36.54794', 25, true);
INSERT INTO previous_build.flyway_history_command VALUES (3, '0.3', 'clock offset', 'SQL', 'V0_3__clock_offset.sql', 94327954, 'postgres', '2026-12-07 17:36:36.614639', 11, true);
INSERT INTO previous_build.flyway_history_command VALUES (4, '0.4', 'event payload varbinary', 'SQL', 'V0_4__event_payload_varbinary.sql', 111287432, 'postgres', '2026-12-07 17:36:36.647781', 1, true);
INSERT INTO previous_build.flyway_history_command VALUES (5, '1', 'command lookups', 'SQL', 'V1__command_lookups.sql', -1747747350, 'postgres', '2026-12-07 17:36:36.661051', 17, true);
INSERT INTO previous_build.flyway_history_command VALUES (6, '2', 'deadlines', 'SQL', 'V2__deadlines.sql', -236563175, 'postgres', '2026-12-07 17:36:36.693326', 8, true);
INSERT INTO previous_build.flyway_history_command VALUES (7, '3', 'alert delivery', 'SQL', 'V3__alert_delivery.sql', 1844364190, 'postgres', '2026-12-07 17:36:36.720646', 23, true);


--
-- Data for Name: flyway_history_query; Type: TABLE DATA; Schema: previous_build; Owner: -
--

INSERT INTO previous_build.flyway_history_query VALUES (1, '0', '<< Flyway Baseline >>', 'BASELINE', '<< Flyway Baseline >>', NULL, 'postgres', '2026-12-07 17:36:53.113959', 0, true);
INSERT INTO previous_build.flyway_history_query VALUES (2, '0.1', 'api token', 'SQL', 'V0_1__api_token.sql', -717568456, 'postgres', '2026-12-07 17:36:53.21138', 6, true);
INSERT INTO previous_build.flyway_history_query VALUES (3, '0.2', 'event store', 'SQL', 'V0_2__event_store.sql', 19129003, 'postgres', '2026-12-07 17:36:53.248254', 16, true);
INSERT INTO previous_build.flyway_history_query VALUES (4, '0.3', 'clock offset', 'SQL', 'V0_3__clock_offset.sql', 94327954, 'postgres', '2026-12-07 17:36:53.294966', 3, true);
INSERT INTO previous_build.flyway_history_query VALUES (5, '0.4', 'event payload varbinary', 'SQL', 'V0_4__event_payload_varbinary.sql', 111287432, 'postgres', '2026-12-07 17:36:53.315794', 6, true);
INSERT INTO previous_build.flyway_history_query VALUES (6, '1', 'query read models', 'SQL', 'V1__query_read_models.sql', -452285037, 'postgres', '2026-12-07 17:36:53.346669', 122, true);
INSERT INTO previous_build.flyway_history_query VALUES (7, '2', 'lifecycle terms alerts', 'SQL', 'V2__lifecycle_terms_alerts.sql', -1628119825, 'postgres', '2026-12-07 17:36:53.502836', 91, true);
INSERT INTO previous_build.flyway_history_query VALUES (8, '3', 'one processing group', 'SQL', 'V3__one_processing_group.sql', -1180666069, 'postgres', '2026-12-07 17:36:53.680992', 21, true);
INSERT INTO previous_build.flyway_history_query VALUES (9, '4', 'dead letters', 'SQL', 'V4__dead_letters.sql', 177482303, 'postgres', '2026-12-07 17:36:53.758642', 44, true);


--
-- Data for Name: license_item; Type: TABLE DATA; Schema: previous_build; Owner: -
--

INSERT INTO previous_build.license_item VALUES ('license_item-item_id-1', 'license_item-license_id-2', 'license_item-project_id-3', '{"item_json":1}');


--
-- Data for Name: project_credential; Type: TABLE DATA; Schema: previous_build; Owner: -
--

INSERT INTO previous_build.project_credential VALUES ('project_credential-credential_hash-1', 'project_credential-project_id-2');


--
-- Data for Name: project_deadline; Type: TABLE DATA; Schema: previous_build; Owner: -
--

INSERT INTO previous_build.project_deadline VALUES ('project_deadline-project_id-1', 'project_deadline-subject-2', 'project_deadline-kind-3', '2026-11-29 09:00:00');


--
-- Data for Name: qry_alert; Type: TABLE DATA; Schema: previous_build; Owner: -
--

INSERT INTO previous_build.qry_alert VALUES ('qry_alert-project_id-1', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'qry_alert-alert_id-3', 'qry_alert-kind-4', 'qry_alert-license_type-5', 7, 'qry_alert-term_key-7', 7, 7, '2026-11-29 09:00:00+00');


--
-- Data for Name: qry_alert_recipient; Type: TABLE DATA; Schema: previous_build; Owner: -
--

INSERT INTO previous_build.qry_alert_recipient VALUES ('qry_alert_recipient-project_id-1', 'qry_alert_recipi', 7, 'qry_alert_recipient-address-4');


--
-- Data for Name: qry_device; Type: TABLE DATA; Schema: previous_build; Owner: -
--

INSERT INTO previous_build.qry_device VALUES ('qry_device-project_id-1', 'qry_device-device_id-2', 'qry_device-device_name-3', 'qry_device-license_type-4', 'qry_device-item_id-5', '2026-11-29 09:00:00+00', '2026-11-29 09:00:00+00', '2026-11-29 09:00:00+00', true, '2026-11-29 09:00:00+00', 'qry_device-unregistration_reason');


--
-- Data for Name: qry_device_unregistration; Type: TABLE DATA; Schema: previous_build; Owner: -
--

INSERT INTO previous_build.qry_device_unregistration VALUES ('qry_device_unregistration-project_id-1', 'qry_device_unregistration-device_id-2', '2026-11-29 09:00:00+00', 'qry_device_unregistration-item_id-4', 'qry_device_unregistration-reason');


--
-- Data for Name: qry_item; Type: TABLE DATA; Schema: previous_build; Owner: -
--

INSERT INTO previous_build.qry_item VALUES ('qry_item-item_id-1', 'qry_item-project_id-2', 'qry_item-license_id-3', 'qry_item-type-4', 7, '2026-11-29 09:00:00+00', '2026-11-29 09:00:00+00', 'qry_item-overage-8', 'qry_item-renewal_of-9', '2026-11-29 09:00:00+00', 'qry_item-lifecyc', 'qry_item-lifecycle_note-12', '2026-11-29 09:00:00+00');


--
-- Data for Name: qry_item_seat; Type: TABLE DATA; Schema: previous_build; Owner: -
--

INSERT INTO previous_build.qry_item_seat VALUES ('qry_item_seat-project_id-1', 'qry_item_seat-device_id-2', 'qry_item_seat-item_id-3', '2026-11-29 09:00:00+00', '2026-11-29 09:00:00+00');


--
-- Data for Name: qry_item_units; Type: TABLE DATA; Schema: previous_build; Owner: -
--

INSERT INTO previous_build.qry_item_units VALUES ('qry_item_units-item_id-1', 'qry_item_units-project_id-2', 'qry_item_units-device_id-3', 'qry_item_units-batch_id-4', 7);


--
-- Data for Name: qry_project; Type: TABLE DATA; Schema: previous_build; Owner: -
--

INSERT INTO previous_build.qry_project VALUES ('qry_project-project_id-1', 'qry_project-name-2', '2026-11-29 09:00:00+00', 'qry_project-allowed_app_ids-4', 'qry_project-stat', 'qry_project-status_note-6', '2026-11-29 09:00:00+00');


--
-- Data for Name: qry_refusal_count; Type: TABLE DATA; Schema: previous_build; Owner: -
--

INSERT INTO previous_build.qry_refusal_count VALUES ('qry_refusal_count-project_id-1', 'qry_refusal_count-reason-2', 7, '2026-11-29 09:00:00+00');


--
-- Data for Name: qry_usage_batch; Type: TABLE DATA; Schema: previous_build; Owner: -
--

INSERT INTO previous_build.qry_usage_batch VALUES ('qry_usage_batch-project_id-1', 'qry_usage_batch-device_id-2', 'qry_usage_batch-batch_id-3');


--
-- Data for Name: qry_usage_hour; Type: TABLE DATA; Schema: previous_build; Owner: -
--

INSERT INTO previous_build.qry_usage_hour VALUES ('qry_usage_hour-project_id-1', '2026-11-29 09:00:00+00', 'qry_usage_hour-feature-3', 7);


--
-- Data for Name: server_signing_key; Type: TABLE DATA; Schema: previous_build; Owner: -
--

INSERT INTO previous_build.server_signing_key VALUES ('server_signing_key-key_id-1', '{"private_jwk":1}', '2026-11-29 09:00:00');


--
-- Data for Name: snapshot_event_entry; Type: TABLE DATA; Schema: previous_build; Owner: -
--

INSERT INTO previous_build.snapshot_event_entry VALUES ('snapshot_event_entry-aggregate_identifier-1', 7, 'snapshot_event_entry-type-3', 'snapshot_event_entry-event_identifier-4', '\x7b226d6574615f64617461223a327d', '\x7b227061796c6f6164223a327d', 'snapshot_event_entry-payload_revision-7', 'snapshot_event_entry-payload_type-8', 'snapshot_event_entry-time_stamp-9');


--
-- Data for Name: token_entry; Type: TABLE DATA; Schema: previous_build; Owner: -
--

INSERT INTO previous_build.token_entry VALUES ('token_entry-processor_name-1', 7, '\x7b22746f6b656e223a327d', 'token_entry-token_type-4', 'token_entry-timestamp-5', 'token_entry-owner-6');


--
-- Data for Name: usage_batch; Type: TABLE DATA; Schema: previous_build; Owner: -
--

INSERT INTO previous_build.usage_batch VALUES ('usage_batch-project_id-1', 'usage_batch-device_id-2', 'usage_batch-batch_id-3', 'usage_batch-fingerprint-4', 7, 'usage_batch-stat', 7);


--
-- Name: domain_event_entry_global_index_seq; Type: SEQUENCE SET; Schema: previous_build; Owner: -
--

SELECT pg_catalog.setval('previous_build.domain_event_entry_global_index_seq', 1, true);


--
-- Name: alert_delivery_attempt alert_delivery_attempt_pkey; Type: CONSTRAINT; Schema: previous_build; Owner: -
--

ALTER TABLE ONLY previous_build.alert_delivery_attempt
    ADD CONSTRAINT alert_delivery_attempt_pkey PRIMARY KEY (delivery_id, attempt);


--
-- Name: alert_delivery alert_delivery_pkey; Type: CONSTRAINT; Schema: previous_build; Owner: -
--

ALTER TABLE ONLY previous_build.alert_delivery
    ADD CONSTRAINT alert_delivery_pkey PRIMARY KEY (delivery_id);


--
-- Name: alert_recipient alert_recipient_pkey; Type: CONSTRAINT; Schema: previous_build; Owner: -
--

ALTER TABLE ONLY previous_build.alert_recipient
    ADD CONSTRAINT alert_recipient_pkey PRIMARY KEY (project_id, channel, target);


--
-- Name: alert_webhook_secret alert_webhook_secret_pkey; Type: CONSTRAINT; Schema: previous_build; Owner: -
--

ALTER TABLE ONLY previous_build.alert_webhook_secret
    ADD CONSTRAINT alert_webhook_secret_pkey PRIMARY KEY (project_id);


--
-- Name: api_token api_token_pkey; Type: CONSTRAINT; Schema: previous_build; Owner: -
--

ALTER TABLE ONLY previous_build.api_token
    ADD CONSTRAINT api_token_pkey PRIMARY KEY (token_hash);


--
-- Name: clock_offset clock_offset_pkey; Type: CONSTRAINT; Schema: previous_build; Owner: -
--

ALTER TABLE ONLY previous_build.clock_offset
    ADD CONSTRAINT clock_offset_pkey PRIMARY KEY (id);


--
-- Name: dead_letter_entry dead_letter_entry_pkey; Type: CONSTRAINT; Schema: previous_build; Owner: -
--

ALTER TABLE ONLY previous_build.dead_letter_entry
    ADD CONSTRAINT dead_letter_entry_pkey PRIMARY KEY (deadletteridentifier);


--
-- Name: dead_letter_entry dead_letter_entry_sequence_index; Type: CONSTRAINT; Schema: previous_build; Owner: -
--

ALTER TABLE ONLY previous_build.dead_letter_entry
    ADD CONSTRAINT dead_letter_entry_sequence_index UNIQUE (processinggroup, sequenceidentifier, sequenceindex);


--
-- Name: domain_event_entry domain_event_entry_pkey; Type: CONSTRAINT; Schema: previous_build; Owner: -
--

ALTER TABLE ONLY previous_build.domain_event_entry
    ADD CONSTRAINT domain_event_entry_pkey PRIMARY KEY (global_index);


--
-- Name: flyway_history_command flyway_history_command_pk; Type: CONSTRAINT; Schema: previous_build; Owner: -
--

ALTER TABLE ONLY previous_build.flyway_history_command
    ADD CONSTRAINT flyway_history_command_pk PRIMARY KEY (installed_rank);


--
-- Name: flyway_history_query flyway_history_query_pk; Type: CONSTRAINT; Schema: previous_build; Owner: -
--

ALTER TABLE ONLY previous_build.flyway_history_query
    ADD CONSTRAINT flyway_history_query_pk PRIMARY KEY (installed_rank);


--
-- Name: license_item license_item_pkey; Type: CONSTRAINT; Schema: previous_build; Owner: -
--

ALTER TABLE ONLY previous_build.license_item
    ADD CONSTRAINT license_item_pkey PRIMARY KEY (item_id);


--
-- Name: project_credential project_credential_pkey; Type: CONSTRAINT; Schema: previous_build; Owner: -
--

ALTER TABLE ONLY previous_build.project_credential
    ADD CONSTRAINT project_credential_pkey PRIMARY KEY (credential_hash);


--
-- Name: project_deadline project_deadline_pkey; Type: CONSTRAINT; Schema: previous_build; Owner: -
--

ALTER TABLE ONLY previous_build.project_deadline
    ADD CONSTRAINT project_deadline_pkey PRIMARY KEY (project_id, subject, kind);


--
-- Name: qry_alert qry_alert_pkey; Type: CONSTRAINT; Schema: previous_build; Owner: -
--

ALTER TABLE ONLY previous_build.qry_alert
    ADD CONSTRAINT qry_alert_pkey PRIMARY KEY (project_id, alert_key);


--
-- Name: qry_alert_recipient qry_alert_recipient_pkey; Type: CONSTRAINT; Schema: previous_build; Owner: -
--

ALTER TABLE ONLY previous_build.qry_alert_recipient
    ADD CONSTRAINT qry_alert_recipient_pkey PRIMARY KEY (project_id, channel, list_index);


--
-- Name: qry_device qry_device_pkey; Type: CONSTRAINT; Schema: previous_build; Owner: -
--

ALTER TABLE ONLY previous_build.qry_device
    ADD CONSTRAINT qry_device_pkey PRIMARY KEY (project_id, device_id);


--
-- Name: qry_device_unregistration qry_device_unregistration_pkey; Type: CONSTRAINT; Schema: previous_build; Owner: -
--

ALTER TABLE ONLY previous_build.qry_device_unregistration
    ADD CONSTRAINT qry_device_unregistration_pkey PRIMARY KEY (project_id, device_id, unregistered_at);


--
-- Name: qry_item qry_item_pkey; Type: CONSTRAINT; Schema: previous_build; Owner: -
--

ALTER TABLE ONLY previous_build.qry_item
    ADD CONSTRAINT qry_item_pkey PRIMARY KEY (item_id);


--
-- Name: qry_item_seat qry_item_seat_pkey; Type: CONSTRAINT; Schema: previous_build; Owner: -
--

ALTER TABLE ONLY previous_build.qry_item_seat
    ADD CONSTRAINT qry_item_seat_pkey PRIMARY KEY (item_id, project_id, device_id);


--
-- Name: qry_item_units qry_item_units_pkey; Type: CONSTRAINT; Schema: previous_build; Owner: -
--

ALTER TABLE ONLY previous_build.qry_item_units
    ADD CONSTRAINT qry_item_units_pkey PRIMARY KEY (item_id, project_id, device_id, batch_id);


--
-- Name: qry_project qry_project_pkey; Type: CONSTRAINT; Schema: previous_build; Owner: -
--

ALTER TABLE ONLY previous_build.qry_project
    ADD CONSTRAINT qry_project_pkey PRIMARY KEY (project_id);


--
-- Name: qry_refusal_count qry_refusal_count_pkey; Type: CONSTRAINT; Schema: previous_build; Owner: -
--

ALTER TABLE ONLY previous_build.qry_refusal_count
    ADD CONSTRAINT qry_refusal_count_pkey PRIMARY KEY (project_id, reason);


--
-- Name: qry_usage_batch qry_usage_batch_pkey; Type: CONSTRAINT; Schema: previous_build; Owner: -
--

ALTER TABLE ONLY previous_build.qry_usage_batch
    ADD CONSTRAINT qry_usage_batch_pkey PRIMARY KEY (project_id, device_id, batch_id);


--
-- Name: qry_usage_hour qry_usage_hour_pkey; Type: CONSTRAINT; Schema: previous_build; Owner: -
--

ALTER TABLE ONLY previous_build.qry_usage_hour
    ADD CONSTRAINT qry_usage_hour_pkey PRIMARY KEY (project_id, hour_start, feature);


--
-- Name: server_signing_key server_signing_key_pkey; Type: CONSTRAINT; Schema: previous_build; Owner: -
--

ALTER TABLE ONLY previous_build.server_signing_key
    ADD CONSTRAINT server_signing_key_pkey PRIMARY KEY (key_id);


--
-- Name: snapshot_event_entry snapshot_event_entry_pkey; Type: CONSTRAINT; Schema: previous_build; Owner: -
--

ALTER TABLE ONLY previous_build.snapshot_event_entry
    ADD CONSTRAINT snapshot_event_entry_pkey PRIMARY KEY (aggregate_identifier, sequence_number);


--
-- Name: token_entry token_entry_pkey; Type: CONSTRAINT; Schema: previous_build; Owner: -
--

ALTER TABLE ONLY previous_build.token_entry
    ADD CONSTRAINT token_entry_pkey PRIMARY KEY (processor_name, segment);


--
-- Name: domain_event_entry uk_domain_event_aggregate_sequence; Type: CONSTRAINT; Schema: previous_build; Owner: -
--

ALTER TABLE ONLY previous_build.domain_event_entry
    ADD CONSTRAINT uk_domain_event_aggregate_sequence UNIQUE (aggregate_identifier, sequence_number);


--
-- Name: domain_event_entry uk_domain_event_identifier; Type: CONSTRAINT; Schema: previous_build; Owner: -
--

ALTER TABLE ONLY previous_build.domain_event_entry
    ADD CONSTRAINT uk_domain_event_identifier UNIQUE (event_identifier);


--
-- Name: snapshot_event_entry uk_snapshot_event_identifier; Type: CONSTRAINT; Schema: previous_build; Owner: -
--

ALTER TABLE ONLY previous_build.snapshot_event_entry
    ADD CONSTRAINT uk_snapshot_event_identifier UNIQUE (event_identifier);


--
-- Name: usage_batch usage_batch_pkey; Type: CONSTRAINT; Schema: previous_build; Owner: -
--

ALTER TABLE ONLY previous_build.usage_batch
    ADD CONSTRAINT usage_batch_pkey PRIMARY KEY (project_id, device_id, batch_id);


--
-- Name: dead_letter_entry_sequence; Type: INDEX; Schema: previous_build; Owner: -
--

CREATE INDEX dead_letter_entry_sequence ON previous_build.dead_letter_entry USING btree (processinggroup, sequenceidentifier);


--
-- Name: flyway_history_command_s_idx; Type: INDEX; Schema: previous_build; Owner: -
--

CREATE INDEX flyway_history_command_s_idx ON previous_build.flyway_history_command USING btree (success);


--
-- Name: flyway_history_query_s_idx; Type: INDEX; Schema: previous_build; Owner: -
--

CREATE INDEX flyway_history_query_s_idx ON previous_build.flyway_history_query USING btree (success);


--
-- Name: ix_alert_delivery_due; Type: INDEX; Schema: previous_build; Owner: -
--

CREATE INDEX ix_alert_delivery_due ON previous_build.alert_delivery USING btree (status, next_attempt_at);


--
-- Name: ix_alert_delivery_project; Type: INDEX; Schema: previous_build; Owner: -
--

CREATE INDEX ix_alert_delivery_project ON previous_build.alert_delivery USING btree (project_id, raised_at);


--
-- Name: ix_project_deadline_due; Type: INDEX; Schema: previous_build; Owner: -
--

CREATE INDEX ix_project_deadline_due ON previous_build.project_deadline USING btree (due_at);


--
-- Name: qry_alert_recent; Type: INDEX; Schema: previous_build; Owner: -
--

CREATE INDEX qry_alert_recent ON previous_build.qry_alert USING btree (project_id, raised_at);


--
-- Name: qry_device_active; Type: INDEX; Schema: previous_build; Owner: -
--

CREATE INDEX qry_device_active ON previous_build.qry_device USING btree (project_id, registered_until);


--
-- Name: qry_device_unregistration_recent; Type: INDEX; Schema: previous_build; Owner: -
--

CREATE INDEX qry_device_unregistration_recent ON previous_build.qry_device_unregistration USING btree (project_id, unregistered_at);


--
-- Name: qry_item_project; Type: INDEX; Schema: previous_build; Owner: -
--

CREATE INDEX qry_item_project ON previous_build.qry_item USING btree (project_id);


--
-- Name: qry_item_seat_device; Type: INDEX; Schema: previous_build; Owner: -
--

CREATE INDEX qry_item_seat_device ON previous_build.qry_item_seat USING btree (project_id, device_id);


--
-- Name: qry_item_seat_item; Type: INDEX; Schema: previous_build; Owner: -
--

CREATE INDEX qry_item_seat_item ON previous_build.qry_item_seat USING btree (item_id, registered_until);


--
-- PostgreSQL database dump complete
--


