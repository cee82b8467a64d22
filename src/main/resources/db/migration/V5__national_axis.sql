-- The national axis connector (R18, R23). Portable SQL: H2 2.x and PostgreSQL.

-- Each package sent to the national axis (or a member gateway's mailbox), by what it is: a document once per
-- package ("doc:<package>"), a status once per dispatch. Attempts and the last error survive a restart, so the
-- backoff and the retry limit continue where they were; sent_at set means done (a replay sends nothing twice).
CREATE TABLE axis_outbound (
    send_key             VARCHAR(200)  NOT NULL,
    package_ref          BIGINT        NOT NULL,
    attempts             INT           NOT NULL,
    last_error           VARCHAR(4000),
    last_attempt_at      TIMESTAMP WITH TIME ZONE,
    sent_at              TIMESTAMP WITH TIME ZONE,
    remote_id            VARCHAR(255),                -- the axis's DocId
    CONSTRAINT pk_axis_outbound PRIMARY KEY (send_key)
);

-- Each document or status taken from the national axis: when this gateway first saw it (the time of its
-- TraceHeader, so a package fetched again after a crash is byte for byte the same and deduplicated), the
-- intake key it became, and when the axis was told it was taken (updateStatus done).
CREATE TABLE axis_inbound (
    remote_id            VARCHAR(255)  NOT NULL,      -- "<edoc|status>:<axis DocId>"
    first_seen_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    intake_key           VARCHAR(100),
    acknowledged_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_axis_inbound PRIMARY KEY (remote_id)
);

-- A status packet that comes again through the axis (a re-send after an outage) is found by its digest.
CREATE INDEX ix_package_sha ON package (sha256);
