import { useTranslation } from 'react-i18next';
import { PHOTO_CONTENT_TYPES, UPLOAD_LIMITS } from '#shared/api/residence';
import type { PolicyDocument } from '#shared/policy/vocabulary';
import { ProofUpload } from '../residence/declare/ProofUpload.tsx';
import { formatSize } from '../residence/words.ts';
import type { UploadedFile } from './rules.ts';
import { documentName } from './words.ts';

export const photoFieldId = 'permit-photo';
export const proofFieldId = (kind: PolicyDocument) => `permit-proof-${kind}`;

interface PhotoFieldProps {
  value: UploadedFile | undefined;
  onChange: (file: UploadedFile | undefined) => void;
  required: boolean;
  error?: string | undefined;
}

/** The holder's recent photo for the card: taken with the front camera, or chosen from the phone. */
export function PhotoField({ value, onChange, required, error }: PhotoFieldProps) {
  const { t } = useTranslation();
  return (
    <ProofUpload
      id={photoFieldId}
      purpose="permitPhoto"
      contentTypes={PHOTO_CONTENT_TYPES}
      capture="user"
      value={value}
      onChange={onChange}
      required={required}
      error={error}
      texts={{
        label: t('permit:apply.photoLabel'),
        hint: t('permit:apply.photoHint', { max: formatSize(UPLOAD_LIMITS.maxBytes, t) }),
        wrongType: t('permit:apply.photoWrongType'),
        choose: t('permit:apply.photoChoose'),
        replace: t('permit:apply.photoReplace'),
      }}
    />
  );
}

interface ProofFieldsProps {
  kinds: readonly PolicyDocument[];
  values: Partial<Record<PolicyDocument, UploadedFile>>;
  onChange: (kind: PolicyDocument, file: UploadedFile | undefined) => void;
  errors: Partial<Record<PolicyDocument, string>>;
}

/** One upload per proof the pack lists, each sent under its own kind (住所证明, 就业证明 …). */
export function ProofFields({ kinds, values, onChange, errors }: ProofFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      {kinds.map((kind) => (
        <section key={kind} className="rs-card" data-testid={`permit-proof-${kind}`}>
          <ProofUpload
            id={proofFieldId(kind)}
            purpose="permitProof"
            value={values[kind]}
            onChange={(file) => onChange(kind, file)}
            required={false}
            error={errors[kind]}
            texts={{ label: documentName(t, kind) }}
          />
        </section>
      ))}
    </>
  );
}
