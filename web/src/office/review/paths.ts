/** Where the residence review lives in the back office. */
export const queuePath = '/office/residence';

/** How to get back to the queue page a declaration was opened from (its filters and page). */
export interface QueueReturn {
  search: string;
  cursors: string[];
}
