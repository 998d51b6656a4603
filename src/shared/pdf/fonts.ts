// Fonts for every PDF Tasdeed issues: Noto Naskh Arabic and Noto Sans, as TTF files from the installed
// @expo-google-fonts packages, registered with @react-pdf once per process by file path.
import { createRequire } from 'node:module';
import { Font } from '@react-pdf/renderer';
import { adaptFontShaping, type FontkitFont } from './font-shaping.js';

export const ARABIC_FAMILY = 'NotoNaskhArabic';
export const LATIN_FAMILY = 'NotoSans';

const require = createRequire(import.meta.url);

const FILES = {
  [ARABIC_FAMILY]: {
    400: '@expo-google-fonts/noto-naskh-arabic/400Regular/NotoNaskhArabic_400Regular.ttf',
    700: '@expo-google-fonts/noto-naskh-arabic/700Bold/NotoNaskhArabic_700Bold.ttf',
  },
  [LATIN_FAMILY]: {
    400: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
    700: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  },
} as const;

const WEIGHTS = [400, 700] as const;

let ready: Promise<void> | null = null;

/**
 * Registers both families (once), loads every weight and applies the shaping repairs of font-shaping.ts to the
 * loaded fontkit objects. Every render goes through this before react-pdf lays anything out.
 */
export function ensurePdfFonts(): Promise<void> {
  ready ??= (async () => {
    for (const [family, files] of Object.entries(FILES)) {
      Font.register({ family, fonts: WEIGHTS.map((fontWeight) => ({ src: require.resolve(files[fontWeight]), fontWeight })) });
    }
    // Hyphenating would split account numbers and references at a line end; a token that does not fit moves
    // to the next line whole instead.
    Font.registerHyphenationCallback((word) => [word]);
    for (const family of Object.keys(FILES)) {
      for (const fontWeight of WEIGHTS) {
        await Font.load({ fontFamily: family, fontWeight });
        const source = Font.getFont({ fontFamily: family, fontWeight });
        if (!source.data) throw new Error(`font ${family} ${fontWeight} did not load`);
        adaptFontShaping(source.data as unknown as FontkitFont);
      }
    }
  })().catch((error: unknown) => {
    ready = null;
    throw error;
  });
  return ready;
}

/** The font stack for a document: its own script first, the other as fallback for the names in both languages. */
export function fontStack(language: 'ar' | 'en'): string[] {
  return language === 'ar' ? [ARABIC_FAMILY, LATIN_FAMILY] : [LATIN_FAMILY, ARABIC_FAMILY];
}

/** The width in points of `text` set in Noto Sans at `fontSize`, for laying out what react-pdf cannot wrap. */
export function measureLatin(text: string, fontSize: number, fontWeight: 400 | 700 = 400): number {
  const font = Font.getFont({ fontFamily: LATIN_FAMILY, fontWeight }).data as unknown as { layout(t: string): { advanceWidth: number }; unitsPerEm: number } | null;
  if (!font) throw new Error('measureLatin before ensurePdfFonts');
  return (font.layout(text).advanceWidth * fontSize) / font.unitsPerEm;
}
