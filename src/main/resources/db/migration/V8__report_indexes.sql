-- Periodic reports (R17) select by period: documents by receive time, deliveries by arrival, statuses by
-- receiver. The numbering check (R2) reads code_number and promulgation_date, which V1 already stores.
CREATE INDEX ix_document_received ON document (received_at);
CREATE INDEX ix_recipient_delivered ON recipient (delivered_at);
CREATE INDEX ix_status_receiver ON status_event (document_ref, receiver_id);
