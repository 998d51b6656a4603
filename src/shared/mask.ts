// What someone who has not signed in may see of a person: the first letter of each name part, and ids with
// most digits hidden. Enough to recognise one's own record, not enough to learn someone else's.

export function maskName(name: string): string {
  return name.trim().split(/\s+/).filter(Boolean).map((part) => `${[...part][0]}***`).join(' ');
}

export function maskCivilId(civilId: string): string {
  return civilId.length <= 4 ? '****' : `${'*'.repeat(civilId.length - 4)}${civilId.slice(-4)}`;
}

export function maskPhone(phone: string): string {
  return phone.length <= 4 ? '****' : `${phone.slice(0, 4)}${'*'.repeat(Math.max(0, phone.length - 6))}${phone.slice(-2)}`;
}

export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}
