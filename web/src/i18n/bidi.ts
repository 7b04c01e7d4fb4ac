/**
 * Wraps a left-to-right value (phone number, code, ID) in Unicode isolates before it goes into a
 * translated sentence: in Uyghur text `138****0001` would otherwise be reordered to `0001****138`.
 */
export const isolateLtr = (text: string) => `\u2066${text}\u2069`;

/**
 * Wraps a value of unknown direction (a person's name: Chinese, Uyghur, or a masked phone number)
 * so that it takes its own direction and does not reorder the sentence around it.
 */
export const isolate = (text: string) => `\u2068${text}\u2069`;
