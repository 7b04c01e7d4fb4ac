/**
 * Structured JSON logs. Never pass request bodies, phone or ID numbers here: log identifiers of
 * records and outcomes only (Personal Information Protection Law).
 */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'portal' });
