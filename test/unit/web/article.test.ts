/** Article references of the packs, read for English and Uyghur readers. */
import { describe, expect, it } from 'vitest';
import { chineseNumber, parseArticle } from '../../../web/src/portal/guide/article.ts';
import { policyPacks } from '#shared/policy/registry';
import { PACK_IDS, type Citation } from '#shared/policy/schema';

describe('chinese numbers', () => {
  it.each([
    ['十', 10],
    ['十四', 14],
    ['二十一', 21],
    ['五十八', 58],
    ['一百零二', 102],
    ['19', 19],
  ])('%s = %i', (text, n) => expect(chineseNumber(text)).toBe(n));
  it.each(['', '零', '条', 'x'])('%j is not a number', (text) => expect(chineseNumber(text)).toBeUndefined());
});

describe('article references', () => {
  it.each([
    ['第十四条', [{ kind: 'article', n: 14 }]],
    ['第二十一条第二款', [{ kind: 'article', n: 21 }, { kind: 'paragraph', n: 2 }]],
    ['第19项（1）', [{ kind: 'item', n: 19 }, { kind: 'subitem', n: 1 }]],
    ['第十七条（一）（二）', [{ kind: 'article', n: 17 }, { kind: 'subitem', n: 1 }, { kind: 'subitem', n: 2 }]],
  ])('%s', (reference, parts) => expect(parseArticle(reference)).toEqual(parts));

  it('leaves a reference it cannot read as written', () => {
    expect(parseArticle('附则')).toBeUndefined();
  });

  it('reads every article reference of every pack', () => {
    const citations = (node: unknown): Citation[] =>
      node === null || typeof node !== 'object'
        ? []
        : Array.isArray(node)
          ? node.flatMap(citations)
          : [...('article' in node && 'quote' in node ? [node as Citation] : []), ...Object.values(node).flatMap(citations)];
    const unread = PACK_IDS.flatMap((id) => citations(policyPacks().byId.get(id))).filter((c) => !parseArticle(c.article));
    expect(unread.map((c) => c.article)).toEqual([]);
  });
});
