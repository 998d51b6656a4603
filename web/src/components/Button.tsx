// Buttons with generous touch targets (at least 44 px high) and one look across the portal.
import type { ButtonHTMLAttributes } from 'react';

type Variant = 'primary' | 'secondary' | 'quiet';

const VARIANTS: Record<Variant, string> = {
  primary: 'bg-brand-800 text-white hover:bg-brand-900 disabled:bg-slate-400',
  secondary: 'border border-brand-800 bg-white text-brand-800 hover:bg-brand-50 disabled:border-slate-300 disabled:text-slate-500',
  quiet: 'text-brand-800 underline-offset-4 hover:underline disabled:text-slate-500',
};

export const buttonClasses = (variant: Variant = 'primary', extra = ''): string =>
  `inline-flex min-h-11 items-center justify-center gap-2 rounded-lg px-5 py-2 font-bold transition-colors disabled:cursor-not-allowed ${VARIANTS[variant]} ${extra}`;

export function Button({ variant = 'primary', className = '', type = 'button', ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return <button type={type} className={buttonClasses(variant, className)} {...props} />;
}
