/**
 * When sessions happen: at a fixed time of day, on weekdays spread over the week (3/week →
 * Monday, Wednesday, Friday), or evenly spaced for schedules that are not a whole number of
 * sessions per week or that need more than one session a day.
 */
import { InputError } from "../errors.ts";
import type { Protocol } from "./protocol.ts";

export const SECONDS_PER_DAY = 86_400;
export const SECONDS_PER_WEEK = 7 * SECONDS_PER_DAY;

/** Training weekdays (0 = Monday) for 1-7 sessions per week: spread out, weekends last. */
export const WEEKDAY_PATTERNS: Readonly<Record<number, readonly number[]>> = {
  1: [0],
  2: [0, 3],
  3: [0, 2, 4],
  4: [0, 1, 3, 4],
  5: [0, 1, 2, 3, 4],
  6: [0, 1, 2, 3, 4, 5],
  7: [0, 1, 2, 3, 4, 5, 6],
};

/** Hours between sessions on the same day (assumed: morning and afternoon, e.g. twice-daily passive BFR). */
export const SAME_DAY_SPACING_H = 6;

/** Number of sessions in the programme: sessions/week × weeks, rounded (23 sessions in 2.7 weeks at 8.5/week). */
export function sessionCount(protocol: Protocol): number {
  return Math.round(protocol.sessionsPerWeek * protocol.weeks);
}

/** Start times of all sessions, s from the programme start (Monday 00:00 of week 1). */
export function sessionStartTimes(protocol: Protocol, sessionDurationS: number): Float64Array {
  const total = sessionCount(protocol);
  const days = sessionDays(protocol, total);
  const starts = new Float64Array(total);
  let previousDay = -1;
  let slot = 0;
  for (let k = 0; k < total; k++) {
    const day = days[k]!;
    slot = day === previousDay ? slot + 1 : 0;
    previousDay = day;
    starts[k] = day * SECONDS_PER_DAY + (protocol.sessionStartHour + slot * SAME_DAY_SPACING_H) * 3600;
    if (k > 0 && starts[k]! < starts[k - 1]! + sessionDurationS) {
      throw new InputError(
        "protocol.sessionsPerWeek",
        protocol.sessionsPerWeek,
        `sessions that do not overlap (each lasts ${Math.round(sessionDurationS / 60)} min, ${SAME_DAY_SPACING_H} h apart on the same day)`,
      );
    }
  }
  return starts;
}

/** Day index (0 = first Monday) of each session. */
function sessionDays(protocol: Protocol, total: number): number[] {
  const spw = protocol.sessionsPerWeek;
  const pattern = protocol.weekdays ?? (Number.isInteger(spw) ? WEEKDAY_PATTERNS[spw] : undefined);
  const days: number[] = [];
  if (pattern) {
    for (let week = 0; days.length < total; week++) {
      for (const d of pattern) if (days.length < total) days.push(week * 7 + d);
    }
    return days;
  }
  for (let k = 0; k < total; k++) days.push(Math.floor((k * 7) / spw + 1e-9));
  return days;
}
