/**
 * The security headers of every answer the portal gives (pages, assets, /config.json, the API),
 * defined once: the local server sends them itself and the CDK stack turns them into CloudFront
 * response-headers policies, so the two cannot drift apart. The back office shows personal data,
 * so no page may be framed, run inline or foreign script, or use the camera, except the public
 * permit check, which scans QR codes.
 */

/** Hosts outside the site that pages load from or talk to. Locally there are none: uploads and sign-in are same-origin. */
export interface ExternalOrigins {
  /** Images shown from presigned URLs of the uploads bucket (the permit photo, proofs). */
  images?: readonly string[];
  /** fetch targets: presigned PUTs to the uploads bucket, the identity provider's sign-in calls. */
  connect?: readonly string[];
}

/**
 * The pages that may use the camera, as a CloudFront path pattern: `/verify` and what follows it.
 * The camera is a document's permission, so only a page loaded at this path gets it.
 */
export const CAMERA_PAGES = '/verify*';

/** Whether a request's path is one of {@link CAMERA_PAGES}, matched as CloudFront matches the pattern. */
export const usesCamera = (pathname: string) => pathname.startsWith(CAMERA_PAGES.slice(0, -1));

/** HTTP Strict Transport Security, sent by CloudFront only: the local server speaks plain HTTP. */
export const STRICT_TRANSPORT_SECURITY = { maxAgeSeconds: 2 * 365 * 24 * 60 * 60, includeSubdomains: true } as const;

export interface SecurityHeaders {
  'content-security-policy': string;
  'x-frame-options': 'DENY';
  'x-content-type-options': 'nosniff';
  /** A permit's verification link carries its token: no page passes its address on. */
  'referrer-policy': 'no-referrer';
  'permissions-policy': string;
}

export function contentSecurityPolicy(external: ExternalOrigins = {}): string {
  const directives: Record<string, readonly string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    // antd and antd-mobile style their components by injecting <style> elements at run time
    // (CSS-in-JS); without 'unsafe-inline' here the pages lose their layout. Scripts stay 'self' only.
    'style-src': ["'self'", "'unsafe-inline'"],
    // QR codes are drawn into data: URLs; blob: lets a page show a file it holds without sending it anywhere.
    'img-src': ["'self'", 'data:', 'blob:', ...(external.images ?? [])],
    'connect-src': ["'self'", ...(external.connect ?? [])],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

export const permissionsPolicy = (camera: boolean) => `camera=${camera ? '(self)' : '()'}, microphone=(), geolocation=()`;

/**
 * The header set of a page that may or may not use the camera.
 * @example
 * securityHeaders({ camera: usesCamera('/verify') })['permissions-policy'] // → 'camera=(self), microphone=(), geolocation=()'
 */
export function securityHeaders(options: { camera: boolean; external?: ExternalOrigins }): SecurityHeaders {
  return {
    'content-security-policy': contentSecurityPolicy(options.external),
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'permissions-policy': permissionsPolicy(options.camera),
  };
}
