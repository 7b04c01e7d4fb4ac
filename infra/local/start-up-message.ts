/**
 * What `npm start` prints once the product runs: where it is and how to sign in. Demo passwords are
 * shown only by the start that creates them; later starts name the file that keeps them (readable by
 * its owner alone), so a console on a shared screen or in a scrollback does not repeat them at every
 * start. The demo residents' phones are shown whole: they are the product's own fixtures, and with
 * the code the console prints (next to a masked number) they are all a developer needs to sign in.
 */
import { join } from 'node:path';
import type { DemoAccount } from '#infra/seed/seed';
import { isLoopback } from '#functions/commons/http/loopback';
import type { LocalProduct } from './product.ts';

function describe(account: DemoAccount, withPassword: boolean): string {
  const who = account.phone
    ? `phone ${account.phone}  (ask for a code: it is printed here)`
    : `username ${account.username}${withPassword ? `  password ${account.password}` : ''}`;
  const where = account.station ? `  station ${account.station} [${account.divisions?.join(', ')}]` : account.org ? `  org ${account.org}` : '';
  return `  ${account.role.padEnd(9)} ${who}${where}`;
}

export function startUpMessage(product: Pick<LocalProduct, 'url' | 'host' | 'seeded' | 'demoAccounts'>, dataDir: string): string {
  const demoFile = join(dataDir, 'demo-accounts.json');
  const reachable =
    isLoopback(product.host) ? [] : [`Listening on ${product.host}: other machines can reach this portal (one-time codes are shown to this machine only).`];
  const demo = product.demoAccounts.length
    ? [
        product.seeded ? `Demo sign-ins (also in ${demoFile}):` : `Demo sign-ins (passwords in ${demoFile}):`,
        ...product.demoAccounts.map((account) => describe(account, product.seeded)),
      ]
    : [];
  return [
    '',
    `Portal running at ${product.url}   (officer back office: ${product.url}/office)`,
    `Service guide, no sign-in needed: ${product.url}/guide`,
    ...reachable,
    `Data kept in ${dataDir}/ — ${product.seeded ? 'first run: reference data and demo accounts created' : 'existing data kept'}`,
    ...demo,
    '',
    'Press Ctrl-C to stop.',
  ].join('\n');
}
