import { createContext, useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Citation } from '#shared/policy/schema';
import { isolate } from '../../i18n/bidi.ts';
import { useLanguage } from '../../i18n/language.ts';
import { describeArticle } from './article.ts';

/** The pack shown, so a rule it inherits from the national regulation can say so. */
export const PackContext = createContext<string>('national');

/** Where a rule comes from: the regulation and article, then its words as the regulation has them. */
export function CitationBlock({ citation }: { citation: Citation }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const pack = useContext(PackContext);
  const inherited = citation.source === 'national' && pack !== 'national';
  return (
    <div className="guide-cite">
      <p className="guide-cite-ref">
        <span className="guide-cite-label">{t('guide:citation.basedOn')}</span>
        {t('guide:citation.reference', {
          source: t(`policy:sources.${citation.source}`),
          // The article is Chinese when it cannot be put in words; isolated, it keeps its own order.
          article: isolate(describeArticle(citation.article, language, t)),
        })}
      </p>
      {/* The regulation's own words stay in Chinese in every language; lang keeps Chinese glyphs. */}
      <blockquote className="guide-quote">
        <p lang="zh-CN" dir="ltr">
          「{citation.quote}」
        </p>
      </blockquote>
      {inherited && <p className="guide-cite-note">{t('guide:citation.nationalApplies')}</p>}
    </div>
  );
}

interface RuleProps {
  label?: string | undefined;
  /** Several when the rule gathers provisions (conditions from two articles); identical ones once. */
  citations: readonly (Citation | undefined)[];
  children: ReactNode;
}

const citationKey = (citation: Citation) => `${citation.source}|${citation.article}|${citation.quote}`;

/** One rule in a section's list: what it is about, what it says, and where it says so. */
export function Rule({ label, citations, children }: RuleProps) {
  const unique = new Map<string, Citation>();
  for (const citation of citations) if (citation) unique.set(citationKey(citation), citation);
  return (
    <li className="guide-rule">
      {label && <p className="guide-rule-label">{label}</p>}
      <div className="guide-rule-value">{children}</div>
      {[...unique].map(([key, citation]) => (
        <CitationBlock key={key} citation={citation} />
      ))}
    </li>
  );
}

/** The rules of a section or part of one. */
export function Rules({ children }: { children: ReactNode }) {
  return <ul className="guide-rules">{children}</ul>;
}

/** Items as a list when there are several, as plain text when there is one. */
export function Items({ items }: { items: readonly string[] }) {
  if (items.length === 1) return <>{items[0]}</>;
  return (
    <ul className="guide-items">
      {items.map((item, index) => (
        <li key={index}>{item}</li>
      ))}
    </ul>
  );
}
