-- Cases are addressed by id alone in URLs (/cases/:id) and listed by owner without naming the
-- country: the (country, …) keys cannot serve those lookups, which then scanned every case.
CREATE INDEX cases_id ON cases (id);
CREATE INDEX cases_owner_active ON cases (owner_id, opened_at) WHERE status <> 'closed';
