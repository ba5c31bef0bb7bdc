import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { usePageTitle } from '../app/usePageTitle.ts';
import { type Jurisdiction, useJurisdictions } from './queries.ts';

/** Country → region → municipality, each level loaded when its parent is opened. */
export function JurisdictionsPage() {
  const { t } = useTranslation();
  usePageTitle(t('jurisdictions.title'));
  const countries = useJurisdictions({ level: 'country' });
  return (
    <section>
      <h1>{t('jurisdictions.title')}</h1>
      <p>{t('jurisdictions.intro')}</p>
      {countries.isPending ? (
        <Loading />
      ) : countries.isError ? (
        <ErrorMessage error={countries.error} />
      ) : (
        <ul className="tree" aria-label={t('jurisdictions.title')}>
          {countries.data.map((c) => (
            <TreeNode key={c.code} node={c} />
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * The language a country's own names are written in (a BCP 47 tag: the country code is not one,
 * "al" means nothing). A country not listed gets no lang attribute: the page's language applies.
 */
const COUNTRY_LANGUAGE: Partial<Record<string, string>> = {
  AL: 'sq', XK: 'sq', BG: 'bg', MK: 'mk', RS: 'sr', ME: 'sr-ME', GR: 'el', RO: 'ro', TR: 'tr', IT: 'it', DE: 'de', AT: 'de',
};

function TreeNode({ node }: { node: Jurisdiction }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const hasChildren = node.level !== 'municipality';
  const childrenId = `jurisdiction-${node.code}`;
  // Spaces between the parts, so a screen reader does not run the names together.
  const label = (
    <>
      <span className="tree-name" lang={COUNTRY_LANGUAGE[node.country]}>{node.nameLocal}</span>{' '}
      {node.nameEn !== node.nameLocal && (
        <>
          <span className="tree-name-en" lang="en">
            {node.nameEn}
          </span>{' '}
        </>
      )}
      <span className="tree-code">{node.code}</span>{' '}
      <span className="tree-level">{t(`jurisdictions.level.${node.level}`)}</span>
    </>
  );
  return (
    <li data-jurisdiction={node.code}>
      {hasChildren ? (
        <button
          type="button"
          className="tree-toggle"
          aria-expanded={open}
          aria-controls={open ? childrenId : undefined}
          onClick={() => setOpen((v) => !v)}
        >
          <span className="tree-marker" aria-hidden="true">{open ? '▾' : '▸'}</span>
          {label}
        </button>
      ) : (
        <span className="tree-leaf">{label}</span>
      )}
      {open && <TreeChildren parent={node} id={childrenId} />}
    </li>
  );
}

function TreeChildren({ parent, id }: { parent: Jurisdiction; id: string }) {
  const children = useJurisdictions({ parent: parent.code });
  if (children.isPending) return <Loading />;
  if (children.isError) return <ErrorMessage error={children.error} />;
  return (
    <ul id={id}>
      {children.data.map((c) => (
        <TreeNode key={c.code} node={c} />
      ))}
    </ul>
  );
}
