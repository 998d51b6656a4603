// Common Kuwaiti given and family names, in Arabic with the usual English spelling, for demo people.
export const GIVEN_NAMES: [string, string][] = [
  ['محمد', 'Mohammad'], ['أحمد', 'Ahmad'], ['عبدالله', 'Abdullah'], ['فاطمة', 'Fatima'], ['مريم', 'Maryam'],
  ['خالد', 'Khaled'], ['نورة', 'Noura'], ['سارة', 'Sara'], ['يوسف', 'Yousef'], ['عبدالعزيز', 'Abdulaziz'],
  ['حصة', 'Hessa'], ['بدر', 'Bader'], ['منيرة', 'Munira'], ['فهد', 'Fahad'], ['دانة', 'Dana'],
  ['سعود', 'Saud'], ['لولوة', 'Lulwa'], ['ناصر', 'Nasser'], ['شيخة', 'Sheikha'], ['علي', 'Ali'],
  ['هيا', 'Haya'], ['جاسم', 'Jassim'], ['العنود', 'Alanoud'], ['مشاري', 'Mishari'], ['ريم', 'Reem'],
];

export const FAMILY_NAMES: [string, string][] = [
  ['العنزي', 'Al-Enezi'], ['المطيري', 'Al-Mutairi'], ['العجمي', 'Al-Ajmi'], ['الرشيدي', 'Al-Rashidi'],
  ['الكندري', 'Al-Kandari'], ['الصباح', 'Al-Sabah'], ['الشمري', 'Al-Shammari'], ['العتيبي', 'Al-Otaibi'],
  ['الهاجري', 'Al-Hajri'], ['الفضلي', 'Al-Fadhli'], ['البناي', 'Al-Banai'], ['القطان', 'Al-Qattan'],
  ['الرومي', 'Al-Roumi'], ['الغانم', 'Al-Ghanim'], ['المرزوق', 'Al-Marzouq'],
];

export const AREAS: [string, string][] = [
  ['السالمية', 'Salmiya'], ['حولي', 'Hawalli'], ['الجابرية', 'Jabriya'], ['الفروانية', 'Farwaniya'],
  ['الجهراء', 'Jahra'], ['الأحمدي', 'Ahmadi'], ['مشرف', 'Mishref'], ['الرميثية', 'Rumaithiya'],
  ['صباح السالم', 'Sabah Al-Salem'], ['كيفان', 'Kaifan'], ['الشويخ', 'Shuwaikh'], ['الفنطاس', 'Fintas'],
];
