import { sql } from 'kysely';
import { ageOn } from '../domain/taxonomies.ts';
import type { Tx } from '../policy/door.ts';

/**
 * What anonymising a child erases, in the caller's transaction (src/retention/retention.ts). The
 * notes (README "Retention") list it; in short: the child's names, exact birth date (the year is
 * kept), address, school and notes; every narrative of their cases (closure note, decisions'
 * comments, assessments, plans, goals, actions, reviews, contacts, placements' carer and notes,
 * referrals, services delivered, transfers' reasons, cross-border summaries); shelter stays and
 * the deinstitutionalisation records; and their attachments (the content rows deleted, the
 * record kept as removed). Signals, meetings and police intakes are shared by children: their
 * texts are erased once no child of theirs is left unanonymised. What the figures count stays:
 * codes, dates, sexes, places, statuses — and what they compute from the birth date is kept
 * beside each event first (migration 0019).
 */
const BLANK = '—';
/** A text erased: replaced by a dash where there was one, null stays null (so every CHECK that asks for a value still holds). */
const blank = (column: string) => sql.raw(`${column} = CASE WHEN ${column} IS NULL THEN NULL ELSE '${BLANK}' END`);

/** A grant's reason must be at least 20 characters long (migration 0020). */
const GRANT_REASON_ERASED = '— erased after the retention period —';

export async function anonymiseChildRecords(tx: Tx, country: string, childId: string, now: Date): Promise<void> {
  const child = await sql<{ birth_date: string | Date | null }>`SELECT birth_date FROM children WHERE country = ${country} AND id = ${childId}`.execute(tx);
  const birth = child.rows[0]?.birth_date == null ? null : dayOf(child.rows[0].birth_date);
  await keepAges(tx, country, childId, birth);

  const cases = sql`(SELECT id FROM cases WHERE country = ${country} AND child_id = ${childId})`;
  const plans = sql`(SELECT id FROM plans WHERE country = ${country} AND case_id IN ${cases})`;
  const residents = sql`(SELECT id FROM institution_residents WHERE country = ${country} AND case_id IN ${cases})`;
  const admissions = sql`(SELECT id FROM shelter_admissions WHERE country = ${country} AND child_id = ${childId})`;
  const run = (q: ReturnType<typeof sql>) => q.execute(tx);

  await run(sql`UPDATE children SET given_name = ${BLANK}, family_name = ${BLANK}, name_key = '', birth_year = date_part('year', birth_date)::int,
    birth_date = NULL, address = NULL, school_name = NULL, notes = NULL, anonymised_at = ${now}, updated_at = ${now}, version = version + 1
    WHERE country = ${country} AND id = ${childId}`);
  await run(sql`UPDATE cases SET ${blank('closure_note')} WHERE country = ${country} AND id IN ${cases}`);
  // Emergency access: what the requester and the reviewer wrote may name the child; who asked,
  // when, for how long and the verdict stay, so the access remains accountable.
  await run(sql`UPDATE break_glass_grants SET reason = ${GRANT_REASON_ERASED}, review_note = CASE WHEN review_note IS NULL THEN NULL ELSE ${BLANK} END
    WHERE country = ${country} AND child_id = ${childId}`);
  await run(sql`UPDATE case_decisions SET ${blank('comment')} WHERE country = ${country} AND case_id IN ${cases}`);
  await run(sql`UPDATE case_transfers SET ${blank('reason')}, ${blank('decision_note')} WHERE country = ${country} AND case_id IN ${cases}`);
  await run(sql`UPDATE cross_border_referrals SET summary = '{"anonymised":true}'::jsonb, ${blank('reason')}, ${blank('best_interests_reason')},
    ${blank('acknowledgement_note')} WHERE country = ${country} AND case_id IN ${cases}`);
  await run(sql`UPDATE assessments SET ${blank('summary')}, domains = NULL, ${blank('level_reason')}, ${blank('child_views')}, ${blank('child_not_heard_reason')}
    WHERE country = ${country} AND case_id IN ${cases}`);
  await run(sql`UPDATE plans SET ${blank('child_views')}, ${blank('caregiver_views')}, ${blank('decision_comment')} WHERE country = ${country} AND id IN ${plans}`);
  await run(sql`UPDATE plan_goals SET ${blank('description')} WHERE country = ${country} AND plan_id IN ${plans}`);
  await run(sql`UPDATE plan_actions SET ${blank('description')}, ${blank('status_note')}, ${blank('responsible_name')} WHERE country = ${country} AND plan_id IN ${plans}`);
  await run(sql`UPDATE plan_reviews SET ${blank('summary')}, ${blank('child_views')}, ${blank('child_not_heard_reason')} WHERE country = ${country} AND case_id IN ${cases}`);
  await run(sql`UPDATE contacts SET ${blank('notes')}, ${blank('not_heard_reason')}, ${blank('child_said')} WHERE country = ${country} AND case_id IN ${cases}`);
  await run(sql`UPDATE placements SET ${blank('carer_name')}, ${blank('end_reason')}, ${blank('notes')} WHERE country = ${country} AND case_id IN ${cases}`);
  await run(sql`UPDATE referral_services SET ${blank('description')} WHERE country = ${country}
    AND referral_id IN (SELECT id FROM referrals WHERE country = ${country} AND case_id IN ${cases})`);
  await run(sql`UPDATE referrals SET ${blank('request')}, ${blank('best_interests_reason')}, ${blank('decline_reason')}, ${blank('outcome')}, ${blank('withdrawn_reason')}
    WHERE country = ${country} AND case_id IN ${cases}`);
  await run(sql`UPDATE shelter_admissions SET ${blank('companion_name')}, ${blank('over_capacity_reason')}, ${blank('discharged_with')}, ${blank('follow_up_note')}
    WHERE country = ${country} AND child_id = ${childId}`);
  await run(sql`UPDATE shelter_plan_steps SET ${blank('description')}, ${blank('owner_name')} WHERE country = ${country} AND admission_id IN ${admissions}`);
  await run(sql`UPDATE di_assessments SET ${blank('findings')} WHERE country = ${country} AND resident_id IN ${residents}`);
  await run(sql`UPDATE di_plan_steps SET ${blank('description')} WHERE country = ${country}
    AND plan_id IN (SELECT id FROM di_care_plans WHERE country = ${country} AND resident_id IN ${residents})`);
  await run(sql`UPDATE di_follow_ups SET ${blank('notes')} WHERE country = ${country}
    AND transition_id IN (SELECT id FROM di_transitions WHERE country = ${country} AND resident_id IN ${residents})`);

  // Shared records: erased once every child of theirs is anonymised (this one is by now).
  const signals = sql`(SELECT sc.signal_id FROM signal_children sc WHERE sc.country = ${country} AND sc.child_id = ${childId}
    AND NOT EXISTS (SELECT 1 FROM signal_children o JOIN children c ON c.country = o.country AND c.id = o.child_id
      WHERE o.country = sc.country AND o.signal_id = sc.signal_id AND c.anonymised_at IS NULL))`;
  const meetings = sql`(SELECT mc.meeting_id FROM meeting_children mc WHERE mc.country = ${country} AND mc.child_id = ${childId}
    AND NOT EXISTS (SELECT 1 FROM meeting_children o JOIN children c ON c.country = o.country AND c.id = o.child_id
      WHERE o.country = mc.country AND o.meeting_id = mc.meeting_id AND c.anonymised_at IS NULL))`;
  await run(sql`UPDATE signals SET ${blank('description')}, ${blank('reporter_name')}, ${blank('reporter_contact')}, ${blank('screening_reason')}
    WHERE country = ${country} AND id IN ${signals}`);
  await run(sql`UPDATE police_intakes SET ${blank('support_given')}, ${blank('outcome_note')} WHERE country = ${country} AND signal_id IN ${signals}`);
  // A child's words at a feedback kiosk that were made this signal go with it (src/feedback/free-texts.ts).
  await run(sql`UPDATE kiosk_answers SET ${blank('free_text')} WHERE country = ${country} AND signal_id IN ${signals}`);
  await run(sql`UPDATE meetings SET ${blank('decisions')} WHERE country = ${country} AND id IN ${meetings}`);
  await run(sql`UPDATE meeting_participants SET ${blank('name')} WHERE country = ${country} AND user_id IS NULL AND meeting_id IN ${meetings}`);
  await run(sql`UPDATE action_items SET ${blank('description')}, ${blank('done_note')} WHERE country = ${country} AND meeting_id IN ${meetings}`);

  // Attachments: the content goes, the record of the upload stays as removed by retention.
  const files = sql`(SELECT id FROM attachments WHERE country = ${country}
    AND (child_id = ${childId} OR (owner_kind = 'meeting' AND owner_id IN ${meetings})))`;
  await run(sql`DELETE FROM attachment_contents WHERE country = ${country} AND attachment_id IN ${files}`);
  await run(sql`UPDATE attachments SET file_name = 'anonymised', description = NULL,
    removed_at = COALESCE(removed_at, ${now}), removed_reason = CASE WHEN removed_reason IS NULL THEN 'retention' ELSE ${BLANK} END
    WHERE country = ${country} AND id IN ${files}`);
}

function dayOf(d: string | Date): string {
  return typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);
}

/**
 * What the figures compute from the birth date, kept beside each event before it goes: the age
 * on the local day of each signal (the monitoring report, in the country's time zone, with the
 * database's age() as the report uses it), on a shelter admission's day (ageOn, as the shelter
 * figures), and until when an institution resident counted as under 3, clamped to the stay.
 */
async function keepAges(tx: Tx, country: string, childId: string, birth: string | null): Promise<void> {
  await sql`UPDATE signal_children sc SET age_at_signal = date_part('year', age(
      (s.received_at AT TIME ZONE (SELECT timezone FROM jurisdictions WHERE code = ${country}))::date, ${birth}::date))::int
    FROM signals s WHERE s.country = sc.country AND s.id = sc.signal_id AND sc.country = ${country} AND sc.child_id = ${childId}`.execute(tx);
  const stays = await sql<{ id: string; admitted_on: string | Date }>`SELECT id, admitted_on FROM shelter_admissions
    WHERE country = ${country} AND child_id = ${childId}`.execute(tx);
  for (const s of stays.rows) {
    const age = birth === null ? null : ageOn(birth, dayOf(s.admitted_on));
    await sql`UPDATE shelter_admissions SET age_at_admission = ${age} WHERE country = ${country} AND id = ${s.id}`.execute(tx);
  }
  const residents = await sql<{ id: string; started_on: string | Date; ended_on: string | Date | null }>`
    SELECT r.id, p.started_on, p.ended_on FROM institution_residents r
    JOIN placements p ON p.country = r.country AND p.id = r.placement_id
    JOIN cases k ON k.country = r.country AND k.id = r.case_id
    WHERE r.country = ${country} AND k.child_id = ${childId}`.execute(tx);
  for (const r of residents.rows) {
    const start = dayOf(r.started_on);
    const end = r.ended_on == null ? null : dayOf(r.ended_on);
    // Under 3 on day d ⇔ d < the third birthday (29 February: 1 March); present ⇔ start ≤ d < end.
    let third = birth === null ? start : `${Number(birth.slice(0, 4)) + 3}${birth.slice(4)}`;
    if (third.endsWith('-02-29')) third = `${third.slice(0, 4)}-03-01`;
    const until = third < start ? start : end !== null && third > end ? end : third;
    await sql`UPDATE institution_residents SET under3_until = ${until}::date WHERE country = ${country} AND id = ${r.id}`.execute(tx);
  }
}
