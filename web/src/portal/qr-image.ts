import { useEffect, useState } from 'react';

/**
 * A QR code of `link` as an image URL, drawn on this phone (the library is a chunk of its own, loaded
 * with the first code). The last code stays up until the next is drawn, so a camera never sees a gap.
 */
export function useQrImage(link: string, errorCorrectionLevel: 'L' | 'M' = 'L'): string | undefined {
  const [image, setImage] = useState<{ link: string; url: string }>();
  useEffect(() => {
    let current = true;
    void import('qrcode').then(({ toDataURL }) =>
      toDataURL(link, { errorCorrectionLevel, margin: 2, width: 560 }).then((url) => {
        if (current) setImage({ link, url });
      }),
    );
    return () => {
      current = false;
    };
  }, [link, errorCorrectionLevel]);
  return image?.url;
}
