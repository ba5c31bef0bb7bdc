import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/**
 * One figure of Home: the number and what it counts as one link to the filtered list behind it
 * (the words carry the plural form: `key_one` / `key_other`); at zero, the empty state's words.
 */
export function FigureLink({ figure, textKey, emptyKey, tone, testId, values }: {
  figure: { count: number; link: string };
  textKey: string;
  emptyKey?: string;
  tone?: 'alert' | 'warning';
  testId?: string;
  values?: Record<string, string | number>;
}) {
  const { t } = useTranslation();
  if (figure.count === 0 && emptyKey) return <span className="home-empty" data-testid={testId}>{t(emptyKey)}</span>;
  return (
    <Link to={figure.link} className={`home-figure${figure.count > 0 && tone ? ` home-figure-${tone}` : ''}`} data-testid={testId} data-count={figure.count}>
      {t(textKey, { count: figure.count, ...values })}
    </Link>
  );
}
