-- Files put into an agency's folders (inbox packages, status packets), by name. A file is written under a
-- hidden name (".<name>"), recorded here, then renamed into view; a step replayed after a crash finds the
-- row and finishes the rename instead of writing a second copy that the agency's system would take again.
CREATE TABLE handover (
    agency_id            VARCHAR(40)   NOT NULL,
    file_name            VARCHAR(255)  NOT NULL,
    hidden_path          VARCHAR(1000) NOT NULL,      -- the hidden copy, renamed to file_name beside it
    written_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_handover PRIMARY KEY (agency_id, file_name)
);
