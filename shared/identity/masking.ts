/**
 * `13800000001` or `+8613800000001` → `138****0001`: enough for the owner to recognise, too little
 * for someone looking over their shoulder.
 */
export function maskPhone(phone: string): string {
  const national = phone.replace(/^\+86/, '');
  if (national.length < 8) return national;
  return `${national.slice(0, 3)}****${national.slice(-4)}`;
}

/**
 * `张三` → `张*`: the first character (the surname, for a Chinese name) and no more. A name that is
 * already masked (a masked phone standing in for one) is kept as it is.
 */
export function maskName(name: string): string {
  if (name.includes('*')) return name;
  const [first = ''] = [...name.trim()];
  return `${first}*`;
}
