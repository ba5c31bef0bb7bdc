-- Issue 13 §1, police-station psychosocial support: the 24/7 mobile team's intake at a police
-- station. Every intake is referred to the Child Protection Unit of the child's municipality as a
-- signal (source police, channel police_station), written in the same transaction; the intake
-- keeps that signal, whose children are the intake's children (signal_children).
CREATE TABLE police_intakes (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- The police-station team (an organisation) that wrote it, and who.
  team_org_id uuid NOT NULL REFERENCES organisations (id),
  recorded_by uuid REFERENCES users (id),
  -- The police station: an organisation of sector police.
  station_id uuid NOT NULL REFERENCES organisations (id),
  called_at timestamptz NOT NULL,
  arrived_at timestamptz NOT NULL,
  -- [{ "name": …, "role": … }]: the team members present.
  team_members jsonb NOT NULL DEFAULT '[]',
  legal_situation text NOT NULL CHECK (legal_situation IN ('victim', 'witness', 'in_conflict_with_law', 'missing', 'runaway', 'other_contact')),
  parent_present boolean NOT NULL,
  lawyer_present boolean NOT NULL,
  psychologist_present boolean NOT NULL,
  child_friendly_room boolean NOT NULL,
  support_given text,
  outcome text NOT NULL CHECK (outcome IN ('returned_to_family', 'placed_in_shelter', 'other')),
  outcome_note text,
  signal_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (country, id),
  UNIQUE (country, signal_id),
  FOREIGN KEY (country, signal_id) REFERENCES signals (country, id),
  CHECK (arrived_at >= called_at)
);
CREATE INDEX police_intakes_team ON police_intakes (country, team_org_id, called_at);
CREATE INDEX police_intakes_station ON police_intakes (country, station_id, called_at);
COMMENT ON TABLE police_intakes IS 'child data';
