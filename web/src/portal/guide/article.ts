/**
 * Article references as regulations write them (第十四条, 第二十一条第二款, 第19项（1）) put into
 * words a reader of English or Uyghur can follow. Chinese readers see the reference unchanged.
 */
import type { TFunction } from 'i18next';

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 十四 → 14, 二十一 → 21, 一百零二 → 102, 19 → 19; undefined for anything else. */
export function chineseNumber(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  let total = 0;
  let digit: number | undefined;
  for (const char of text) {
    if (char in DIGITS) digit = DIGITS[char];
    else if (char === '十' || char === '百') {
      total += (digit ?? 1) * (char === '十' ? 10 : 100);
      digit = undefined;
    } else return undefined;
  }
  const value = total + (digit ?? 0);
  return text.length > 0 && value > 0 ? value : undefined;
}

export type ArticlePart = { kind: 'article' | 'paragraph' | 'item' | 'subitem'; n: number };

const PART = /第([零〇一二两三四五六七八九十百\d]+)([条款项])|[（(]([零〇一二两三四五六七八九十百\d]+)[）)]/y;
const KINDS = { 条: 'article', 款: 'paragraph', 项: 'item' } as const;

/** The parts of a reference, or undefined when any of it is not in the usual form. */
export function parseArticle(reference: string): ArticlePart[] | undefined {
  const parts: ArticlePart[] = [];
  PART.lastIndex = 0;
  while (PART.lastIndex < reference.length) {
    const match = PART.exec(reference);
    if (!match) return undefined;
    const n = chineseNumber(match[1] ?? match[3]!);
    if (n === undefined) return undefined;
    parts.push({ kind: match[2] ? KINDS[match[2] as keyof typeof KINDS] : 'subitem', n });
  }
  return parts.length > 0 ? parts : undefined;
}

/** "Art. 21, para. 2", "Item 19(1)"; the reference as written when it cannot be read. */
export function describeArticle(reference: string, language: string, t: TFunction): string {
  const parts = language === 'zh-CN' ? undefined : parseArticle(reference);
  if (!parts) return reference;
  let text = '';
  for (const part of parts) {
    if (part.kind === 'subitem') {
      text += `(${part.n})`;
      continue;
    }
    const words =
      part.kind === 'article'
        ? t('guide:citation.article', { n: part.n })
        : part.kind === 'paragraph'
          ? t('guide:citation.paragraph', { n: part.n })
          : t('guide:citation.item', { n: part.n });
    text += text ? t('guide:citation.partSeparator') + words : words;
  }
  return text;
}
