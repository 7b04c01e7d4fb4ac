import type { ReactNode } from 'react';

/**
 * A left-to-right value (reference number, ID number, phone, date) that keeps its order inside
 * Uyghur text.
 */
export function Ltr({ children, mono = false }: { children: ReactNode; mono?: boolean }) {
  return (
    <bdi dir="ltr" className={mono ? 'review-ltr review-mono' : 'review-ltr'}>
      {children}
    </bdi>
  );
}
