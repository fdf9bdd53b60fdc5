-- A deadline paused while its partner is suspended: the row stays open (the transfer still awaits an answer) but
-- is neither due nor reminded until the partner resumes and the deadline restarts. Looking up the open deadlines
-- of one partner is what a suspension, resumption or amendment of its agreement does.
ALTER TABLE transfer_deadline ADD COLUMN paused_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_transfer_deadline_partner ON transfer_deadline (partner_id, resolved_at);
