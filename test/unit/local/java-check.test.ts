import { afterEach, expect, it, vi } from 'vitest';
import { assertJava, JavaMissingError } from '#infra/local/dynamodb-local';

afterEach(() => vi.unstubAllEnvs());

it('names Java in one line when it is missing', () => {
  vi.stubEnv('PATH', '/nonexistent');
  expect(() => assertJava()).toThrow(JavaMissingError);
  expect(() => assertJava()).toThrow(/^DynamoDB Local needs Java 17 or newer: [^\n]+$/);
});

it('passes where Java 17+ is installed', () => {
  expect(() => assertJava()).not.toThrow();
});
