/**
 * Level names that stand for "the municipality's own districts" or "counties under the province"
 * rather than a place: 北京市 · 市辖区 · 东城区 reads as 北京市 · 东城区.
 */
const PLACEHOLDER_LEVELS = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

/** The names of a division path that a person would say, province down. */
export const placeNames = (path: readonly string[]) => path.filter((name) => !PLACEHOLDER_LEVELS.has(name));
