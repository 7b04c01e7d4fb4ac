import { listDivisions } from '#shared/api/divisions';
import { useServices } from '../../app/services.ts';
import { useLoad } from '../../app/load.ts';

export interface StreetGroup {
  /** The county (区/县) the streets belong to. */
  county: string;
  countyName: string;
  streets: { code: string; name: string }[];
}

/** The streets and towns (街道/乡镇) of the station's counties, for the queue's filter. */
export function useStreets(counties: readonly string[]) {
  const { call } = useServices();
  const key = counties.join(',');
  return useLoad(
    (signal) =>
      Promise.all(
        counties.map(async (county): Promise<StreetGroup> => {
          const answer = await call(listDivisions, { query: { parent: county }, signal });
          return {
            county,
            countyName: answer.parent?.path.at(-1) ?? county,
            streets: answer.divisions.map(({ code, name }) => ({ code, name })),
          };
        }),
      ),
    [call, key],
  );
}
