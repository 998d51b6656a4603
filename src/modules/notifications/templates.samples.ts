// The longest values a message may plausibly carry, per topic, used when a template is saved: an SMS template
// that needs more than SMS_MAX_SEGMENTS with these is refused then, rather than sending a long, costly message
// later. Lengths come from the demo billers, Kuwaiti violation types and places, and the id formats in use;
// links are built on the deployment's own PUBLIC_URL.
import type { EventTopic } from '../../platform/outbox.js';

const LONG_ID = '01JDZ5K3M8Q2W7E9R4T6Y1U3X5'; // newId(): 10 time + 16 random characters

export function sampleVars(topic: EventTopic, publicUrl: string): { vars: Record<string, string>; payload?: Record<string, unknown> } {
  const base = {
    amount: '99999.999',
    currency: 'KWD',
    payUrl: `${publicUrl}/pay/pay_${LONG_ID}`,
  };
  switch (topic) {
    case 'bill.issued':
      return {
        vars: {
          ...base,
          billNumber: 'EB-2026-11-00123456',
          billerAr: 'وزارة الداخلية - الإدارة العامة للمرور',
          billerEn: 'Ministry of Electricity & Water - Electricity',
          period: '2026-11',
          dueDate: '2026-12-28',
          pdfUrl: `${publicUrl}/api/v1/bills/bill_${LONG_ID}/pdf`,
        },
      };
    case 'bill.due_soon':
      return {
        vars: {
          ...base,
          billNumber: 'EB-2026-11-00123456',
          billerAr: 'وزارة الداخلية - الإدارة العامة للمرور',
          billerEn: 'Ministry of Electricity & Water - Electricity',
          dueDate: '2026-12-28',
          daysLeft: '30',
        },
      };
    case 'payment.received':
      return {
        vars: {
          ...base,
          receiptNumber: 'KIOSK-0042-2026-00012345',
          paidAt: '2026-11-22 23:59',
          verifyUrl: `${publicUrl}/r/KIOSK-0042-2026-00012345?sig=Xy3kQ9vT2mW8pL5nR1sD7fG4hJ6`,
          items: 'وزارة الكهرباء والماء - الكهرباء EB-2026-11-00123456',
        },
      };
    case 'violation.recorded':
      return {
        vars: {
          ...base,
          amount: '150.000',
          violationNumber: 'TV-2026-00123456',
          typeAr: 'تجاوز الإشارة الضوئية الحمراء',
          typeEn: 'Running a red traffic light',
          occurredAt: '2026-11-22 23:59',
          placeAr: 'الدائري السادس، تقاطع الجهراء',
          placeEn: 'Sixth Ring Road at Jahra junction',
          plate: '12/123456',
        },
      };
    case 'auth.sign_in_code':
      return { vars: { code: '482913', minutes: '10' } };
    case 'request.updated':
      return { vars: { requestNumber: 'SR-2026-01JDZ5K3M8', typeAr: 'شهادة العزل الحراري', typeEn: 'Thermal-insulation certificate', statusAr: 'قيد التنفيذ', statusEn: 'in progress', note: '' } };
    case 'prepaid.low_balance':
      return {
        vars: {
          ...base, threshold: '99999.999', topUpUrl: `${publicUrl}/prepaid/pop_${LONG_ID}`,
          operatorAr: 'شركة عبدالرحمن عبدالعزيز العبدالجليل لنقل المياه بالصهاريج', operatorEn: 'Abdulrahman Abdulaziz Al-Abduljaleel Water Tanker Transport Co',
        },
      };
    case 'disconnection.warning':
      return { vars: { ...base, accountNumber: '12345678901234567890', disconnectOn: '2026-12-28', payUrl: `${publicUrl}/?accountNumber=12345678901234567890` } };
    case 'disconnection.ordered':
    case 'disconnection.done':
      return { vars: { ...base, accountNumber: '12345678901234567890', payUrl: `${publicUrl}/?accountNumber=12345678901234567890` } };
    case 'reconnection.ordered':
      return { vars: { accountNumber: '12345678901234567890', dueBy: '2026-12-28T23:59:00.000Z', fee: '999.999', currency: 'KWD' } };
    case 'reconnection.done':
      return { vars: { accountNumber: '12345678901234567890' } };
    case 'violation.reminder':
      return {
        vars: { plate: '12/123456', licenceNumber: '289011200032', dueDate: '2026-12-28', daysLeft: '30' },
        payload: { kind: 'registration_expiry' },
      };
  }
}

/** A long but plausible person's name in both languages (four-part Arabic names are common). */
export const SAMPLE_NAME = { ar: 'عبدالرحمن عبدالعزيز عبدالله العبدالجليل', en: 'Abdulrahman Abdulaziz Abdullah Al-Abduljaleel' };
