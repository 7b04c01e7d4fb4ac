/** Where the permit review lives in the back office. */
export const permitQueuePath = '/office/permits';
