/** Where the station's rental houses live in the back office. */
export const housesPath = '/office/houses';

/** A house's page. */
export const housePath = (code: string) => `${housesPath}/${code}`;

