import { useTranslation } from 'react-i18next';

/**
 * The mandatory sectors of a meeting, each marked present or absent in words and with a sign,
 * never by colour alone. Before the meeting is held, "absent" reads "not invited".
 */
export function SectorFlags(props: { status: string; mandatory: readonly string[]; missing: readonly string[]; compact?: boolean }) {
  const { t } = useTranslation();
  const { status, mandatory, missing, compact } = props;
  if (mandatory.length === 0) return <span className="muted-text">{t('meetings.noMandatory')}</span>;
  const absentLabel = status === 'held' ? t('meetings.sectorAbsent') : t('meetings.sectorNotInvited');
  if (compact) {
    return missing.length === 0 ? (
      <span className="sector-flag sector-ok">{`✓ ${t('meetings.allMandatoryPresent')}`}</span>
    ) : (
      <span className="sector-flag sector-missing" data-testid="missing-sectors">
        {`⚠ ${absentLabel}: ${missing.map((s) => t(`taxonomy:sector.${s}`)).join(', ')}`}
      </span>
    );
  }
  return (
    <ul className="sector-flags" data-testid="mandatory-sectors">
      {mandatory.map((s) => {
        const absent = missing.includes(s);
        return (
          <li key={s} className={absent ? 'sector-flag sector-missing' : 'sector-flag sector-ok'} data-sector={s} data-absent={absent}>
            <span aria-hidden="true">{absent ? '⚠' : '✓'}</span>{' '}
            {t(`taxonomy:sector.${s}`)}: {absent ? absentLabel : status === 'held' ? t('meetings.sectorPresent') : t('meetings.sectorInvited')}
          </li>
        );
      })}
    </ul>
  );
}
