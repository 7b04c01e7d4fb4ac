import { useState } from 'react';
import { UserOutline } from 'antd-mobile-icons';

interface HolderPhotoProps {
  /** Absent when the photo is not served (it failed its integrity check). */
  src: string | undefined;
  alt: string;
  className: string;
  width: number;
  height: number;
}

/**
 * The holder's photo from its short-lived link; when there is no link, the link has run out or the
 * file is not a picture, a plain silhouette in the same place (still named for a screen reader)
 * rather than a broken image with its text spilling over the card.
 */
export function HolderPhoto({ src, alt, className, width, height }: HolderPhotoProps) {
  const [failed, setFailed] = useState<string>();
  if (src === undefined || failed === src) {
    return (
      <span className={`${className} pm-photo-missing`} role="img" aria-label={alt} style={{ width, height }}>
        <UserOutline aria-hidden="true" />
      </span>
    );
  }
  return <img className={className} src={src} alt={alt} width={width} height={height} onError={() => setFailed(src)} />;
}
