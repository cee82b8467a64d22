-- Legal value of each document (R9): legal | reference-only (refused packages never become documents),
-- with the signers found and the reasons, as the receiver sees them beside the package.
ALTER TABLE document ADD COLUMN legal_value VARCHAR(20) DEFAULT 'reference-only' NOT NULL;
ALTER TABLE document ADD COLUMN signers VARCHAR(4000);
ALTER TABLE package ADD COLUMN legal_value VARCHAR(20);
