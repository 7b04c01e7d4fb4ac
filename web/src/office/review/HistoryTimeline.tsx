import type { ReactNode } from 'react';
import { Timeline, Typography } from 'antd';
import { formatInstant } from './format.ts';
import { Ltr } from './Ltr.tsx';

/** One entry of a record's history as the back office shows it: when, what, who, and what more it says. */
export interface HistoryLine {
  at: string;
  color: string;
  event: string;
  actor: string;
  /** Lines under the event (reasons, corrections, changed fields). */
  details?: ReactNode;
  /** A free-text note, isolated so a note in another script keeps its own order. */
  note?: { label: string; text: string };
}

/** A record's history (a declaration's, a permit application's, a tenancy's, a house's), oldest first. */
export function HistoryTimeline({ lines, className = 'review-history' }: { lines: HistoryLine[]; className?: string }) {
  return (
    <Timeline
      className={className}
      items={lines.map((line, index) => ({
        key: `${line.at}-${index}`,
        color: line.color,
        title: <Ltr>{formatInstant(line.at)}</Ltr>,
        content: (
          <div>
            <Typography.Text strong>{line.event}</Typography.Text>
            <Typography.Text type="secondary"> · {line.actor}</Typography.Text>
            {line.details}
            {line.note && (
              <div className="review-history-note">
                {line.note.label}
                <bdi>{line.note.text}</bdi>
              </div>
            )}
          </div>
        ),
      }))}
    />
  );
}
