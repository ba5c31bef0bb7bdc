import { localDay } from '../domain/deadlines.ts';
import { TAXONOMIES, ageOn } from '../domain/taxonomies.ts';
import type { Tx } from '../policy/door.ts';
import { type FigureScope, type FigureTable, count, keyLabel, textLabel } from '../reports/figure-table.ts';
import { addMonthsToDay, followUpMonthsFor } from './resident-view.ts';

/**
 * Deinstitutionalisation's figures for a country or region and a period of local days (the
 * national view of the monitor and the supervisors): residents per institution at the end of each
 * month, all residents and those under three, transitions by target, the follow-up visits due
 * in the period (done, overdue) and their outcomes, and where the children went when a placement
 * broke down. An institution is in a region when its municipality is. The caller (the services
 * report) checks who may ask, runs this in a Door's transaction, audits and suppresses.
 */

const T = (key: string) => keyLabel(`ui:institutions.figures.${key}`);

/** The months of a period, each with the day its count is taken (the month's last day, or the period's end). */
function monthsOf(from: string, to: string): Array<{ code: string; day: string }> {
  const out: Array<{ code: string; day: string }> = [];
  for (let start = `${from.slice(0, 7)}-01`; start <= to; start = addMonthsToDay(start, 1)) {
    const last = addMonthsToDay(start, 1);
    const end = new Date(Date.parse(`${last}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    out.push({ code: start.slice(0, 7), day: end < to ? end : to });
  }
  return out;
}

/** Run in a Door's transaction (the services report's). */
export async function institutionFigures(tx: Tx, scope: FigureScope): Promise<FigureTable[]> {
  const inScope = (code: string) => scope.region === null || code === scope.region || code.startsWith(`${scope.region}-`);
  const institutions = (await tx.selectFrom('organisations').select(['id', 'name', 'jurisdiction_code'])
    .where('country', '=', scope.country).where('sector', '=', 'residential_care').orderBy('name').execute()).filter((o) => inScope(o.jurisdiction_code));
  const ids = institutions.map((o) => o.id);
  const residents = ids.length === 0 ? [] : await tx.selectFrom('institution_residents as r')
    .innerJoin('placements as p', (j) => j.onRef('p.country', '=', 'r.country').onRef('p.id', '=', 'r.placement_id'))
    .innerJoin('cases as k', (j) => j.onRef('k.country', '=', 'r.country').onRef('k.id', '=', 'r.case_id'))
    .innerJoin('children as ch', (j) => j.onRef('ch.country', '=', 'k.country').onRef('ch.id', '=', 'k.child_id'))
    .leftJoin('di_transitions as t', (j) => j.onRef('t.country', '=', 'r.country').onRef('t.resident_id', '=', 'r.id'))
    .select(['r.id', 'p.provider_org_id', 'p.started_on', 'p.ended_on', 'ch.birth_date', 'r.under3_until', 't.id as transition_id', 't.target'])
    .where('r.country', '=', scope.country).where('p.provider_org_id', 'in', ids).execute();
  const transitionIds = residents.flatMap((r) => (r.transition_id ? [r.transition_id] : []));
  const visits = transitionIds.length === 0 ? [] : await tx.selectFrom('di_follow_ups').select(['transition_id', 'months', 'visited_on', 'outcome', 'went_to'])
    .where('country', '=', scope.country).where('transition_id', 'in', transitionIds).execute();

  const months = monthsOf(scope.from, scope.to);
  const present = (r: (typeof residents)[number], day: string) => String(r.started_on) <= day && (r.ended_on == null || String(r.ended_on) > day);
  // An anonymised child: under 3 until the day kept when the birth date went (src/retention/).
  const under3 = (r: (typeof residents)[number], day: string) => (r.under3_until != null ? day < String(r.under3_until)
    : r.birth_date != null && ageOn(String(r.birth_date), day) < 3);
  const columns = months.map((m) => ({ code: m.code, label: textLabel(m.code) }));

  const perInstitution: FigureTable = {
    id: 'deinstitutionalisation.residentsByInstitution', service: 'deinstitutionalisation', title: T('residentsByInstitution'), unit: 'count', columns,
    rows: institutions.map((o) => ({
      code: o.id, label: textLabel(o.name),
      cells: months.map((m) => count(residents.filter((r) => r.provider_org_id === o.id && present(r, m.day)).length)),
    })),
    note: T('atMonthEnd'),
  };
  const young: FigureTable = {
    id: 'deinstitutionalisation.under3', service: 'deinstitutionalisation', title: T('under3'), unit: 'count', columns,
    rows: [
      { code: 'all', label: T('allResidents'), cells: months.map((m) => count(residents.filter((r) => present(r, m.day)).length)) },
      { code: 'under3', label: T('under3Row'), cells: months.map((m) => count(residents.filter((r) => present(r, m.day) && under3(r, m.day)).length)) },
    ],
    note: T('atMonthEnd'),
  };
  const inPeriod = (day: string | null) => day != null && day >= scope.from && day <= scope.to;
  const left = residents.filter((r) => r.transition_id && inPeriod(r.ended_on == null ? null : String(r.ended_on)));
  const transitions: FigureTable = {
    id: 'deinstitutionalisation.transitionsByTarget', service: 'deinstitutionalisation', title: T('transitionsByTarget'), unit: 'count',
    columns: [{ code: 'transitions', label: T('transitions') }],
    rows: TAXONOMIES.diTarget.map((target) => ({ code: target, label: keyLabel(`taxonomy:diTarget.${target}`), cells: [count(left.filter((r) => r.target === target).length)] })),
  };

  // Follow-ups due in the period: each transition's visits at the country's months.
  const today = localDay(new Date(), scope.timezone);
  const milestones = followUpMonthsFor(scope.country);
  const due = residents.filter((r) => r.transition_id && r.ended_on != null).flatMap((r) => milestones.map((m) => {
    const dueOn = addMonthsToDay(String(r.ended_on), m);
    const done = visits.some((v) => v.transition_id === r.transition_id && v.months === m);
    return { months: m, dueOn, done, overdue: !done && dueOn < today };
  })).filter((d) => inPeriod(d.dueOn));
  const followUps: FigureTable = {
    id: 'deinstitutionalisation.followUps', service: 'deinstitutionalisation', title: T('followUps'), unit: 'count',
    columns: milestones.map((m) => ({ code: String(m), label: textLabel(String(m)) })),
    rows: (['due', 'done', 'overdue'] as const).map((state) => ({
      code: state, label: T(`followUp.${state}`),
      cells: milestones.map((m) => count(due.filter((d) => d.months === m && (state === 'due' || d[state])).length)),
    })),
    note: T('followUpsNote'),
  };
  const visited = visits.filter((v) => inPeriod(String(v.visited_on)));
  const outcomes: FigureTable = {
    id: 'deinstitutionalisation.followUpOutcomes', service: 'deinstitutionalisation', title: T('outcomes'), unit: 'count',
    columns: [{ code: 'visits', label: T('visits') }],
    rows: TAXONOMIES.followUpOutcome.map((o) => ({ code: o, label: keyLabel(`taxonomy:followUpOutcome.${o}`), cells: [count(visited.filter((v) => v.outcome === o).length)] })),
  };
  const breakdowns: FigureTable = {
    id: 'deinstitutionalisation.breakdowns', service: 'deinstitutionalisation', title: T('breakdowns'), unit: 'count',
    columns: [{ code: 'children', label: T('children') }],
    rows: TAXONOMIES.breakdownDestination.map((d) => ({
      code: d, label: keyLabel(`taxonomy:breakdownDestination.${d}`), cells: [count(visited.filter((v) => v.outcome === 'broken_down' && v.went_to === d).length)],
    })),
  };
  return [perInstitution, young, transitions, followUps, outcomes, breakdowns];
}
