import { useState } from 'react';
import { Button, Toast } from 'antd-mobile';
import { DownlandOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import type { House } from '#shared/api/landlord';
import { houseAddressDetail, housePath, printedHouseCode } from '#shared/landlord/house';
import { saveFile } from '../../api/files.ts';
import { placeText } from '../residence/DivisionPicker.tsx';
import { useQrImage } from '../qr-image.ts';
import { posterFileName, posterLayout, qrPlacement, wrapText, type TextBlock } from './poster.ts';

/** What the poster's QR code opens: the tenant's declaration at this house. */
export const houseLink = (code: string) => `${window.location.origin}${housePath(code)}`;

interface PosterText {
  title: string;
  address: string;
  code: string;
  scan: string;
  steps: string;
  footer: string;
}

/** Draws the A4 poster (see poster.ts for the layout) and gives it back as a PNG. */
async function drawPoster(link: string, text: PosterText, rtl: boolean): Promise<Blob> {
  const { create } = await import('qrcode');
  const layout = posterLayout();
  const canvas = document.createElement('canvas');
  canvas.width = layout.width;
  canvas.height = layout.height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no canvas');
  const family = getComputedStyle(document.documentElement).getPropertyValue('--app-font').trim() || 'sans-serif';
  context.direction = rtl ? 'rtl' : 'ltr';
  context.textAlign = 'center';
  context.textBaseline = 'alphabetic';

  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, layout.width, layout.height);
  context.fillStyle = '#1677ff';
  context.fillRect(0, 0, layout.width, layout.band.height);

  const centre = layout.width / 2;
  const write = (value: string, block: TextBlock, options: { color: string; weight?: number; family?: string }) => {
    context.font = `${options.weight ?? 400} ${block.fontSize}px ${options.family ?? family}`;
    context.fillStyle = options.color;
    const lines = wrapText(value, layout.textWidth, (line) => context.measureText(line).width, block.maxLines);
    lines.forEach((line, index) => context.fillText(line, centre, block.y + index * block.lineHeight, layout.textWidth));
  };

  write(text.title, layout.title, { color: '#ffffff', weight: 700 });
  write(text.address, layout.address, { color: '#1f1f1f', weight: 600 });

  const qr = create(link, { errorCorrectionLevel: 'M' });
  const modules = qr.modules.size;
  const { moduleSize, offset } = qrPlacement(modules, layout.qr.size);
  context.fillStyle = '#000000';
  for (let row = 0; row < modules; row += 1) {
    for (let column = 0; column < modules; column += 1) {
      if (qr.modules.get(row, column)) {
        context.fillRect(layout.qr.x + offset + column * moduleSize, layout.qr.y + offset + row * moduleSize, moduleSize, moduleSize);
      }
    }
  }

  // The code reads left to right whatever the language around it.
  context.direction = 'ltr';
  write(text.code, layout.code, { color: '#1f1f1f', weight: 700, family: `ui-monospace, Menlo, Consolas, monospace` });
  context.direction = rtl ? 'rtl' : 'ltr';
  write(text.scan, layout.scan, { color: '#1677ff', weight: 700 });
  write(text.steps, layout.steps, { color: '#434343' });
  write(text.footer, layout.footer, { color: '#8c8c8c' });

  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no png'))), 'image/png'));
}

/** Saves a file the page made, as a download named `name`. */
function download(blob: Blob, name: string) {
  const url = saveFile(blob, name);
  // Long enough for the browser to start the download.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The house's QR code on screen, its printed code, and the A4 door poster to download: tenants scan
 * it (or type the code) to declare their residence here.
 */
export function HousePoster({
  house,
  showCode = true,
}: {
  house: Pick<House, 'id' | 'address' | 'building' | 'unit' | 'room' | 'station'>;
  /** The printed code under the QR code; off where the page already shows it large. */
  showCode?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const link = houseLink(house.id);
  const image = useQrImage(link, 'M');
  const [drawing, setDrawing] = useState(false);

  async function save() {
    setDrawing(true);
    try {
      const blob = await drawPoster(
        link,
        {
          title: t('landlord:poster.title'),
          address: `${placeText(house.address.path)} ${houseAddressDetail(house)}`,
          code: printedHouseCode(house.id),
          scan: t('landlord:poster.scan'),
          steps: t('landlord:poster.steps'),
          footer: t('landlord:poster.footer', { station: house.station.name }),
        },
        i18n.dir() === 'rtl',
      );
      download(blob, posterFileName(house.id));
      Toast.show({ icon: 'success', content: t('landlord:poster.saved') });
    } catch {
      Toast.show({ icon: 'fail', content: t('landlord:poster.failed') });
    } finally {
      setDrawing(false);
    }
  }

  return (
    <figure className="ll-poster" data-testid="house-qr-block">
      {image ? (
        <img className="ll-qr" src={image} width={240} height={240} alt={t('landlord:poster.qrAlt', { code: printedHouseCode(house.id) })} data-testid="house-qr" />
      ) : (
        <div className="ll-qr ll-qr-placeholder" role="status" aria-label={t('common:state.loading')} />
      )}
      <figcaption className="ll-poster-caption">
        {showCode && (
          <>
            <span className="rs-field-note">{t('landlord:poster.codeLabel')}</span>
            <bdi dir="ltr" className="rs-reference rs-reference-large" data-testid="house-code">
              {printedHouseCode(house.id)}
            </bdi>
          </>
        )}
        <span className="rs-field-note">{t('landlord:poster.hint')}</span>
      </figcaption>
      <Button color="primary" fill="outline" size="large" block loading={drawing} onClick={() => void save()}>
        <DownlandOutline aria-hidden="true" /> {t('landlord:poster.download')}
      </Button>
    </figure>
  );
}
