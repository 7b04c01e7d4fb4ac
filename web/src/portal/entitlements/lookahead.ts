/**
 * The days worth looking ahead to for a household: the birthdays on which a child's schooling
 * changes (3 kindergarten, 6 primary school, 12 junior secondary, 15 the senior-high entrance exam).
 */
import { addYears, type IsoDate } from '#shared/policy/civil-time';

export const LOOK_AHEAD_AGES = [3, 6, 12, 15] as const;

export interface Birthday {
  childId: string;
  name: string;
  age: (typeof LOOK_AHEAD_AGES)[number];
  on: IsoDate;
}

/** Each child's birthdays among LOOK_AHEAD_AGES still ahead of `today`, soonest first. */
export function birthdaysAhead(children: readonly { id: string; name: string; birthDate: IsoDate }[], today: IsoDate): Birthday[] {
  return children
    .flatMap((child) => LOOK_AHEAD_AGES.map((age) => ({ childId: child.id, name: child.name, age, on: addYears(child.birthDate, age) })))
    .filter((birthday) => birthday.on > today)
    .sort((a, b) => a.on.localeCompare(b.on) || a.name.localeCompare(b.name));
}
