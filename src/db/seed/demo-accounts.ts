// The demo's well-known sign-ins, printed by `tasdeed serve --demo`. Demo only: a real deployment creates its
// staff with `POST /api/v1/staff` and never seeds these.
export const DEMO_PASSWORD = 'tasdeed-demo-2026';

export const DEMO_STAFF = [
  { username: 'admin', nameAr: 'مدير النظام', nameEn: 'System Administrator', role: 'admin', unit: 'HQ' },
  // The unit of a cashier or supervisor is their counter office's code (see channels/counter.seed.ts).
  { username: 'cashier', nameAr: 'أمين الصندوق', nameEn: 'Counter Cashier', role: 'cashier', unit: 'SALMIYA' },
  { username: 'supervisor', nameAr: 'مشرف المكتب', nameEn: 'Office Supervisor', role: 'supervisor', unit: 'SALMIYA' },
  { username: 'officer', nameAr: 'ضابط المرور', nameEn: 'Traffic Officer', role: 'officer', unit: 'TRAFFIC-HAWALLI' },
  // Works the service-request queue; the unit is the customer-service office whose queue the portal opens first.
  { username: 'service', nameAr: 'موظف خدمة العملاء', nameEn: 'Customer Service Officer', role: 'service', unit: 'hawalli' },
] as const;

export const DEMO_API_CLIENTS = [
  { name: 'Demo Bank (NBK)', role: 'bank', keyId: 'demo-bank', secret: 'demo-bank-secret-change-me-0123456789' },
  { name: 'Demo filling station 1', role: 'station', keyId: 'demo-station', secret: 'demo-station-secret-change-me-012345' },
  { name: 'Demo traffic camera network', role: 'camera', keyId: 'demo-camera', secret: 'demo-camera-secret-change-me-0123456' },
] as const;
