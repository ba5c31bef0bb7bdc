import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type ListColumn, listColumns } from '../app/DataTable.tsx';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { importProblemText } from '../app/server-issues.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { type ImportProblem, type ImportResult, UPLOAD_LIMIT, exportUrl, uploadCsv } from './upload.ts';
import { DateInput } from '../app/DateInput.tsx';

const TYPES = ['signals', 'meetings', 'cases', 'residents', 'shelter_admissions', 'prevention_activities'] as const;

/**
 * Import and export of the interchange format: upload a file (with a dry run first, if wished),
 * read every problem as `line N, column C`, or the counts of what was stored; supervisors also
 * download their country's records for a period.
 */
export function ImportsPage() {
  const { t } = useTranslation();
  usePageTitle(t('interchange.title'));
  const me = useCurrentUser();
  const [type, setType] = useState<(typeof TYPES)[number]>('signals');
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const [localError, setLocalError] = useState<string | null>(null);
  const upload = useMutation({ mutationFn: (v: { type: string; file: File; dryRun: boolean }) => uploadCsv(v.type, v.file, v.dryRun) });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setLocalError(null);
    if (!file) return setLocalError(t('interchange.chooseFile'));
    if (file.size > UPLOAD_LIMIT) return setLocalError(t('interchange.tooLarge'));
    upload.mutate({ type, file, dryRun });
  };

  return (
    <section className="interchange">
      <h1>{t('interchange.title')}</h1>
      <p>{t('interchange.intro')}</p>
      <form noValidate onSubmit={submit} className="interchange-form" aria-labelledby="import-heading">
        <h2 id="import-heading">{t('interchange.importHeading')}</h2>
        <div className="field-row">
          <div className="field">
            <label htmlFor="import-type">{t('interchange.type')}</label>
            <select id="import-type" value={type} onChange={(e) => setType(e.target.value as (typeof TYPES)[number])} data-testid="import-type">
              {TYPES.map((k) => <option key={k} value={k}>{t(`interchange.types.${k}`)}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="import-file">{t('interchange.file')}</label>
            <input id="import-file" type="file" accept=".csv,text/csv" data-testid="import-file"
              aria-describedby="import-file-hint" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            <p className="hint" id="import-file-hint">{t('interchange.fileHint')}</p>
          </div>
        </div>
        <div className="field field-checkbox">
          <input id="import-dry-run" type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} data-testid="import-dry-run" />
          <label htmlFor="import-dry-run">{t('interchange.dryRun')}</label>
        </div>
        {localError && <p className="alert alert-error" role="alert">{localError}</p>}
        <ErrorMessage error={upload.error} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={upload.isPending} data-testid="import-submit">
            {upload.isPending ? t('interchange.uploading') : dryRun ? t('interchange.check') : t('interchange.import')}
          </button>
        </div>
      </form>
      {upload.data && <ImportOutcome result={upload.data} />}
      {me.roles.includes('supervisor') && <ExportLinks country={me.organisation.country} />}
    </section>
  );
}

function ImportOutcome({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  const columns = useMemo<ListColumn<ImportProblem>[]>(() => {
    const col = listColumns<ImportProblem>();
    return [
      col.display({ id: 'line', header: () => t('interchange.line'), cell: ({ row }) => row.original.line }),
      col.display({ id: 'column', header: () => t('interchange.column'), cell: ({ row }) => row.original.column }),
      col.display({ id: 'message', header: () => t('interchange.problem'), cell: ({ row }) => importProblemText(row.original) }),
    ];
  }, [t]);
  if (!result.ok) {
    const { refusal } = result;
    return (
      <div className="interchange-result" data-testid="import-problems" aria-live="polite">
        <p className="alert alert-error" role="alert">{t('interchange.refused', { count: refusal.total })}</p>
        <DataTable caption={t('interchange.problemsCaption')} columns={columns} data={refusal.problems}
          emptyText="" getRowId={(p) => `${p.line}:${p.column}:${p.message}`} />
        {refusal.total > refusal.problems.length && <p>{t('interchange.more', { count: refusal.total - refusal.problems.length })}</p>}
      </div>
    );
  }
  const s = result.summary;
  return (
    <div className="interchange-result" data-testid="import-summary" aria-live="polite">
      <p className="alert alert-success" role="status">{s.dryRun ? t('interchange.dryRunDone', { count: s.rows }) : t('interchange.imported', { count: s.rows })}</p>
      <table className="interchange-counts">
        <caption>{t('interchange.countsCaption')}</caption>
        <thead>
          <tr><th scope="col">{t('interchange.kind')}</th><th scope="col">{t('interchange.created')}</th><th scope="col">{t('interchange.updated')}</th><th scope="col">{t('interchange.unchanged')}</th></tr>
        </thead>
        <tbody>
          {Object.entries(s.counts).map(([kind, c]) => (
            <tr key={kind}><th scope="row">{t(`interchange.kinds.${kind}`, { defaultValue: kind })}</th><td>{c.created}</td><td>{c.updated}</td><td>{c.unchanged}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ExportLinks({ country }: { country: string }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [jurisdiction, setJurisdiction] = useState(country);
  const valid = /^[A-Z]{2}(-[0-9A-Z]{1,3}){0,2}$/.test(jurisdiction) && (!from || !to || from <= to);
  return (
    <section className="interchange-export" aria-labelledby="export-heading">
      <h2 id="export-heading">{t('interchange.exportHeading')}</h2>
      <p>{t('interchange.exportIntro')}</p>
      <div className="field-row">
        <div className="field">
          <label htmlFor="export-from">{t('interchange.from')}</label>
          <DateInput id="export-from" value={from} onChange={setFrom} />
        </div>
        <div className="field">
          <label htmlFor="export-to">{t('interchange.to')}</label>
          <DateInput id="export-to" value={to} onChange={setTo} />
        </div>
        <div className="field">
          <label htmlFor="export-jurisdiction">{t('interchange.jurisdiction')}</label>
          <input id="export-jurisdiction" value={jurisdiction} onChange={(e) => setJurisdiction(e.target.value.trim().toUpperCase())}
            aria-describedby="export-jurisdiction-hint" />
          <p className="hint" id="export-jurisdiction-hint">{t('interchange.jurisdictionHint')}</p>
        </div>
      </div>
      {valid ? (
        <ul className="interchange-downloads">
          {TYPES.map((k) => (
            <li key={k}>
              <a className="button button-secondary" href={exportUrl(k, { from, to, jurisdiction })} download={`${k}.csv`} data-testid={`export-${k}`}>
                {t('interchange.download', { file: `${k}.csv` })}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p className="field-error">{t('interchange.exportInvalid')}</p>
      )}
    </section>
  );
}
