/** Packs change only with a release, so browsers and CloudFront may keep them for an hour. */
export const CACHE_FOR_AN_HOUR = { 'cache-control': 'public, max-age=3600' };
