/**
 * The address cascader's options, one level of `GET /api/divisions` at a time (province → city →
 * county → street): the country's street list is megabytes, so only the levels opened are loaded.
 */
import type { DivisionNode } from '#shared/api/divisions';

/** Codes of streets (街道/乡镇), the level an organisation's address is chosen down to. */
export const STREET_CODE_LENGTH = 9;

export interface DivisionOption {
  value: string;
  label: string;
  /** A street, or a division with nothing under it: nothing more to load. */
  isLeaf: boolean;
  /** A division above street level with no streets under it: it cannot be chosen. */
  disabled?: boolean;
  children?: DivisionOption[];
}

export function divisionOption(node: DivisionNode): DivisionOption {
  const street = node.code.length >= STREET_CODE_LENGTH;
  const dead = !street && !node.hasChildren;
  return { value: node.code, label: node.name, isLeaf: street || dead, ...(dead ? { disabled: true } : {}) };
}

/** The options with `children` set under the option reached by `path` (codes from the top); the rest unchanged. */
export function withChildren(options: readonly DivisionOption[], path: readonly string[], children: DivisionOption[]): DivisionOption[] {
  const [head, ...rest] = path;
  return options.map((option) => {
    if (option.value !== head) return option;
    if (rest.length === 0) return { ...option, children };
    return { ...option, children: withChildren(option.children ?? [], rest, children) };
  });
}

/** The street a cascader's value ends at, or undefined when it stops above street level. */
export function chosenStreet(path: readonly string[] | undefined): string | undefined {
  const last = path?.at(-1);
  return last && last.length === STREET_CODE_LENGTH ? last : undefined;
}
