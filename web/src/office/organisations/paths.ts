import { ORGANISATIONS_PATH } from '../shell/areas.tsx';

/** An organisation's page in the back office. */
export const organisationPath = (id: string) => `${ORGANISATIONS_PATH}/${id}`;

export { ORGANISATIONS_PATH };
