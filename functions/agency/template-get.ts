/** GET /api/agency/templates/{type}: the upload template of a kind of organisation, in the caller's language. */
import { getTemplate, XLSX_CONTENT_TYPE } from '#shared/api/agency';
import { contentDisposition } from '#functions/commons/blob-store';
import { todayInShanghai } from '#functions/commons/clock';
import { httpHandler } from '#functions/commons/http/handler';
import { BinaryReply } from '#functions/commons/http/response';
import { buildTemplate } from './template.ts';

export const handler = httpHandler(getTemplate, async ({ params, language }) => {
  const bytes = await buildTemplate(params.type, language, todayInShanghai());
  return new BinaryReply(200, bytes, {
    'content-type': XLSX_CONTENT_TYPE,
    'content-disposition': contentDisposition(`${params.type}-template.xlsx`),
  });
});
