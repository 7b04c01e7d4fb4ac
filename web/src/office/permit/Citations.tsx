import type { Citation } from '#shared/policy/schema';
import { CitationText } from '../review/DeclarationSections.tsx';

/** The articles a decision rests on, each quoted in the regulation's own words (Chinese). */
export function Citations({ items }: { items: readonly Citation[] }) {
  return (
    <ul className="permit-citations">
      {items.map((citation) => (
        <li key={`${citation.source}-${citation.article}-${citation.quote}`}>
          <CitationText citation={citation} />
        </li>
      ))}
    </ul>
  );
}
