-- Webhook inbox: event keys scoped by connection (two connections may send the same event id or body), and
-- bounded retries with a backoff per row. Schema changes only add; existing keys get their connection prefix.
UPDATE webhook_events SET event_key = connection || ':' || event_key;

ALTER TABLE webhook_events ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE webhook_events ADD COLUMN next_attempt_at TEXT;

-- failed rows that name a lead stay retryable, due now
UPDATE webhook_events SET next_attempt_at = received_at WHERE status = 'failed' AND lead_id IS NOT NULL;

CREATE INDEX webhook_events_due ON webhook_events (status, next_attempt_at);
