import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

/** The register's sections: sessions, modules, training needs, figures. */
export function TrainingsTabs() {
  const { t } = useTranslation();
  return (
    <nav className="tabs" aria-label={t('trainings.tabs.label')}>
      <ul className="filters">
        <li><NavLink end to="/trainings">{t('trainings.tabs.sessions')}</NavLink></li>
        <li><NavLink to="/trainings/modules">{t('trainings.tabs.modules')}</NavLink></li>
        <li><NavLink to="/trainings/needs">{t('trainings.tabs.needs')}</NavLink></li>
        <li><NavLink to="/trainings/figures">{t('trainings.tabs.figures')}</NavLink></li>
      </ul>
    </nav>
  );
}

/** The municipalities of a country, sorted by name, as options. */
export function municipalityOptions(map: Map<string, { code: string; nameLocal: string }>) {
  return [...map.values()].sort((a, b) => a.nameLocal.localeCompare(b.nameLocal)).map((m) => <option key={m.code} value={m.code}>{m.nameLocal}</option>);
}
