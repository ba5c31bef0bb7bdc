import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useDisplayTimeZone } from './time-zone.ts';
import { type Formatters, formattersFor } from '../../domain/i18n/format.ts';

// The formatters are shared with the server (the printed case file writes dates the same way).
export { type Formatters, formattersFor };

export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const timeZone = useDisplayTimeZone();
  return useMemo(() => formattersFor(i18n.language, timeZone), [i18n.language, timeZone]);
}
