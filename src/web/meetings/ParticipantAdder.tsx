import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingView } from '../../meetings/meeting-schema.ts';
import { TAXONOMIES } from '../../domain/taxonomies.ts';
import { isApiError } from '../app/api.ts';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { toParticipantInput } from './meeting-form.ts';
import { useOrganisations, useUpdateMeeting } from './queries.ts';

/** Invites another organisation, or records a person who is not a user (name, institution, sector). */
export function ParticipantAdder({ meeting }: { meeting: MeetingView }) {
  const { t } = useTranslation();
  const update = useUpdateMeeting(meeting.id);
  const orgs = useOrganisations(meeting.country);
  const [kind, setKind] = useState<'organisation' | 'person'>('organisation');
  const [organisationId, setOrganisationId] = useState('');
  const [name, setName] = useState('');
  const [institution, setInstitution] = useState('');
  const [sector, setSector] = useState('');
  const taken = new Set(meeting.participants.map((p) => p.organisationId));
  const options = (orgs.data?.items ?? []).filter((o) => o.active && !taken.has(o.id));
  const ready = kind === 'organisation' ? !!organisationId : !!name.trim() && !!institution.trim() && !!sector;

  const add = () => {
    const participant = toParticipantInput({ kind, organisationId, name, institution, sector }, undefined);
    update.mutate(
      { version: meeting.version, addParticipants: [participant as never] },
      { onSuccess: () => { setOrganisationId(''); setName(''); setInstitution(''); setSector(''); } },
    );
  };

  return (
    <fieldset className="participant-adder">
      <legend>{t('meetings.addParticipant')}</legend>
      <div className="field-row">
        <div className="field">
          <label htmlFor="add-kind">{t('meetings.participantKind')}</label>
          <select id="add-kind" value={kind} onChange={(e) => setKind(e.target.value as 'organisation' | 'person')}>
            <option value="organisation">{t('meetings.kindOrganisation')}</option>
            <option value="person">{t('meetings.kindPerson')}</option>
          </select>
        </div>
        {kind === 'organisation' ? (
          <div className="field">
            <label htmlFor="add-org">{t('meetings.field.organisation')}</label>
            <select id="add-org" value={organisationId} onChange={(e) => setOrganisationId(e.target.value)}>
              <option value="">{t('common.choose')}</option>
              {options.map((o) => <option key={o.id} value={o.id}>{`${o.name} (${t(`taxonomy:sector.${o.sector}`)})`}</option>)}
            </select>
          </div>
        ) : (
          <>
            <div className="field">
              <label htmlFor="add-name">{t('meetings.field.personName')}</label>
              <input id="add-name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="add-institution">{t('meetings.field.institution')}</label>
              <input id="add-institution" autoComplete="off" value={institution} onChange={(e) => setInstitution(e.target.value)} />
            </div>
          </>
        )}
        <div className="field">
          <label htmlFor="add-sector">{t('meetings.field.sector')}</label>
          <select id="add-sector" value={sector} onChange={(e) => setSector(e.target.value)}>
            <option value="">{kind === 'organisation' ? t('meetings.sectorOfOrganisation') : t('common.choose')}</option>
            {TAXONOMIES.sector.map((s) => <option key={s} value={s}>{t(`taxonomy:sector.${s}`)}</option>)}
          </select>
        </div>
      </div>
      {update.isError && (isApiError(update.error, 409) ? <p className="alert alert-warning" role="alert">{t('meetings.conflict')}</p> : <ErrorMessage error={update.error} />)}
      <button type="button" onClick={add} disabled={!ready || update.isPending} data-testid="add-participant">{t('meetings.addParticipant')}</button>
    </fieldset>
  );
}
