// The texts every topic starts with, in Arabic and English. Admins may change them (templates.service.ts); these
// are written into the table when it lacks a row, and used if a row is ever missing.
//
// SMS texts stay within SMS_MAX_SEGMENTS with the longest plausible values (templates.samples.ts; a test checks
// every default). Email lines whose placeholder has no value (e.g. no PDF link) are left out when rendering.
import type { EventTopic } from '../../platform/outbox.js';
import type { Language } from './topics.js';

export interface DefaultTemplate {
  sms: string;
  email: { subject: string; body: string };
}

export const DEFAULT_TEMPLATES: Record<EventTopic, Record<Language, DefaultTemplate>> = {
  'bill.issued': {
    ar: {
      sms: 'صدرت فاتورة {{biller}} رقم {{billNumber}} عن {{period}} بمبلغ {{amount}}، تستحق في {{dueDate}}. للدفع: {{payUrl}}',
      email: {
        subject: 'فاتورة جديدة من {{biller}} رقم {{billNumber}}',
        body: [
          'مرحباً {{name}}،',
          '',
          'صدرت فاتورتك من {{biller}} عن فترة {{period}}.',
          '',
          'رقم الفاتورة: {{billNumber}}',
          'المبلغ المستحق: {{amount}}',
          'تاريخ الاستحقاق: {{dueDate}}',
          '',
          'للدفع عبر الإنترنت: {{payUrl}}',
          'نسخة الفاتورة (PDF): {{pdfUrl}}',
        ].join('\n'),
      },
    },
    en: {
      sms: 'New {{biller}} bill {{billNumber}} for {{period}}: {{amount}}, due {{dueDate}}. Pay: {{payUrl}}',
      email: {
        subject: 'New bill {{billNumber}} from {{biller}}',
        body: [
          'Hello {{name}},',
          '',
          'Your {{biller}} bill for {{period}} has been issued.',
          '',
          'Bill number: {{billNumber}}',
          'Amount due: {{amount}}',
          'Due date: {{dueDate}}',
          '',
          'Pay online: {{payUrl}}',
          'Bill (PDF): {{pdfUrl}}',
        ].join('\n'),
      },
    },
  },
  'bill.due_soon': {
    ar: {
      sms: 'تذكير: فاتورة {{biller}} رقم {{billNumber}} بمبلغ {{amount}} تستحق في {{dueDate}}. للدفع: {{payUrl}}',
      email: {
        subject: 'تذكير: الفاتورة رقم {{billNumber}} تستحق في {{dueDate}}',
        body: [
          'مرحباً {{name}}،',
          '',
          'نذكّرك بأن فاتورة {{biller}} رقم {{billNumber}} تستحق الدفع قريباً.',
          '',
          'المبلغ المستحق: {{amount}}',
          'تاريخ الاستحقاق: {{dueDate}}',
          'عدد الأيام المتبقية: {{daysLeft}}',
          '',
          'للدفع عبر الإنترنت: {{payUrl}}',
          '',
          'إذا كنت قد دفعت الفاتورة، فلا حاجة لأي إجراء.',
        ].join('\n'),
      },
    },
    en: {
      sms: 'Reminder: {{biller}} bill {{billNumber}} of {{amount}} is due on {{dueDate}}. Pay: {{payUrl}}',
      email: {
        subject: 'Reminder: bill {{billNumber}} is due on {{dueDate}}',
        body: [
          'Hello {{name}},',
          '',
          'This is a reminder that your {{biller}} bill {{billNumber}} is due soon.',
          '',
          'Amount due: {{amount}}',
          'Due date: {{dueDate}}',
          'Days left: {{daysLeft}}',
          '',
          'Pay online: {{payUrl}}',
          '',
          'If you have already paid, there is nothing more to do.',
        ].join('\n'),
      },
    },
  },
  'payment.received': {
    ar: {
      sms: 'شكراً لك. استلمنا دفعتك بمبلغ {{amount}}، رقم الإيصال {{receiptNumber}}. للتحقق: {{verifyUrl}}',
      email: {
        subject: 'إيصال الدفع رقم {{receiptNumber}}',
        body: [
          'مرحباً {{name}}،',
          '',
          'استلمنا دفعتك، شكراً لك.',
          '',
          'رقم الإيصال: {{receiptNumber}}',
          'المبلغ المدفوع: {{amount}}',
          'تاريخ الدفع: {{paidAt}}',
          'المدفوع عنه: {{items}}',
          '',
          'للتحقق من صحة الإيصال: {{verifyUrl}}',
        ].join('\n'),
      },
    },
    en: {
      sms: 'Thank you. We received your payment of {{amount}}, receipt {{receiptNumber}}. Verify: {{verifyUrl}}',
      email: {
        subject: 'Payment receipt {{receiptNumber}}',
        body: [
          'Hello {{name}},',
          '',
          'We have received your payment. Thank you.',
          '',
          'Receipt number: {{receiptNumber}}',
          'Amount paid: {{amount}}',
          'Paid on: {{paidAt}}',
          'Paid for: {{items}}',
          '',
          'Verify this receipt: {{verifyUrl}}',
        ].join('\n'),
      },
    },
  },
  'violation.recorded': {
    ar: {
      sms: 'مخالفة رقم {{violationNumber}}: {{type}}، {{place}}، {{occurredAt}}. المبلغ {{amount}}. للدفع: {{payUrl}}',
      email: {
        subject: 'مخالفة مرورية جديدة رقم {{violationNumber}}',
        body: [
          'مرحباً {{name}}،',
          '',
          'سُجّلت عليك مخالفة مرورية.',
          '',
          'رقم المخالفة: {{violationNumber}}',
          'نوع المخالفة: {{type}}',
          'التاريخ والوقت: {{occurredAt}}',
          'المكان: {{place}}',
          'رقم اللوحة: {{plate}}',
          'المبلغ: {{amount}}',
          'ملاحظة: {{holdReason}}',
          '',
          'للدفع أو للاطلاع على التفاصيل: {{payUrl}}',
        ].join('\n'),
      },
    },
    en: {
      sms: 'Traffic violation {{violationNumber}}: {{type}}, {{place}}, {{occurredAt}}. Fine {{amount}}. Pay: {{payUrl}}',
      email: {
        subject: 'New traffic violation {{violationNumber}}',
        body: [
          'Hello {{name}},',
          '',
          'A traffic violation has been recorded against you.',
          '',
          'Violation number: {{violationNumber}}',
          'Violation: {{type}}',
          'Date and time: {{occurredAt}}',
          'Place: {{place}}',
          'Plate: {{plate}}',
          'Amount: {{amount}}',
          'Note: {{holdReason}}',
          '',
          'Pay or see the details: {{payUrl}}',
        ].join('\n'),
      },
    },
  },
  // Sent by SMS only (the email texts exist because every topic has them, and are never sent).
  'auth.sign_in_code': {
    ar: {
      sms: 'رمز الدخول إلى تسديد: {{code}}. صالح {{minutes}} دقائق. لا تعطه لأحد؛ لن نطلبه منك أبداً.',
      email: { subject: 'رمز الدخول إلى تسديد', body: ['مرحباً {{name}}،', '', 'رمز الدخول: {{code}} (صالح {{minutes}} دقائق). لا تعطه لأحد.'].join('\n') },
    },
    en: {
      sms: 'Your Tasdeed sign-in code: {{code}}. Valid for {{minutes}} minutes. Never share it; we will never ask for it.',
      email: { subject: 'Your Tasdeed sign-in code', body: ['Hello {{name}},', '', 'Your sign-in code: {{code}} (valid for {{minutes}} minutes). Never share it.'].join('\n') },
    },
  },
  'violation.reminder': {
    ar: {
      sms: 'تذكير من الإدارة العامة للمرور: موعد {{item}} في {{dueDate}}.',
      email: {
        subject: 'تذكير: موعد {{item}}',
        body: [
          'مرحباً {{name}}،',
          '',
          'نذكّرك بموعد {{item}} في {{dueDate}}.',
          'عدد الأيام المتبقية: {{daysLeft}}',
          '',
          'يمكنك إتمام الإجراء عبر بوابة تسديد أو في أي مركز خدمة.',
        ].join('\n'),
      },
    },
    en: {
      sms: 'Reminder from the General Traffic Department: {{item}} is due on {{dueDate}}.',
      email: {
        subject: 'Reminder: {{item}}',
        body: [
          'Hello {{name}},',
          '',
          'This is a reminder: {{item}} is due on {{dueDate}}.',
          'Days left: {{daysLeft}}',
          '',
          'You can complete it on the Tasdeed portal or at any service centre.',
        ].join('\n'),
      },
    },
  },
  'request.updated': {
    ar: {
      sms: 'طلبك {{requestNumber}} ({{type}}): {{status}}. {{note}}',
      email: {
        subject: 'طلبك رقم {{requestNumber}}: {{status}}',
        body: [
          'مرحباً {{name}}،',
          '',
          'تغيرت حالة طلبك رقم {{requestNumber}} ({{type}}) إلى: {{status}}.',
          '{{note}}',
          '',
          'يمكنك متابعة طلبك عبر بوابة تسديد.',
        ].join('\n'),
      },
    },
    en: {
      sms: 'Your request {{requestNumber}} ({{type}}): {{status}}. {{note}}',
      email: {
        subject: 'Your request {{requestNumber}}: {{status}}',
        body: [
          'Hello {{name}},',
          '',
          'Your request {{requestNumber}} ({{type}}) is now: {{status}}.',
          '{{note}}',
          '',
          'You can follow your request on the Tasdeed portal.',
        ].join('\n'),
      },
    },
  },
  'prepaid.low_balance': {
    ar: {
      sms: 'رصيد محفظة تعبئة المياه انخفض إلى {{amount}}، أقل من {{threshold}}. للشحن: {{topUpUrl}}',
      email: {
        subject: 'رصيد محفظة تعبئة المياه منخفض',
        body: [
          'مرحباً {{name}}،',
          '',
          'انخفض رصيد محفظة تعبئة المياه ({{operator}}) إلى {{amount}}، وهو أقل من {{threshold}}.',
          'لن تُعبّأ الصهاريج بأكثر من الرصيد المتاح.',
          '',
          'لشحن المحفظة: {{topUpUrl}}',
        ].join('\n'),
      },
    },
    en: {
      sms: 'Water filling wallet ({{operator}}) is down to {{amount}}, under {{threshold}}. Top up: {{topUpUrl}}',
      email: {
        subject: 'Your water filling wallet is low',
        body: [
          'Hello {{name}},',
          '',
          'The water filling wallet of {{operator}} is down to {{amount}}, under {{threshold}}.',
          'Trucks cannot fill beyond the balance available.',
          '',
          'Top up the wallet: {{topUpUrl}}',
        ].join('\n'),
      },
    },
  },
  'disconnection.warning': {
    ar: {
      sms: 'إنذار: على الحساب {{accountNumber}} مبالغ متأخرة قدرها {{amount}}. ستُفصل الخدمة بعد {{disconnectOn}} إن لم تُسدد. للدفع: {{payUrl}}',
      email: {
        subject: 'إنذار بفصل الخدمة عن الحساب {{accountNumber}}',
        body: [
          'مرحباً {{name}}،',
          '',
          'على الحساب رقم {{accountNumber}} مبالغ متأخرة قدرها {{amount}}.',
          'إن لم تُسدد، تُفصل الخدمة بعد {{disconnectOn}}.',
          '',
          'للدفع عبر الإنترنت: {{payUrl}}',
          'إن كنت تعترض على فاتورة، قدّم اعتراضاً عبر بوابة تسديد فلا تُفصل الخدمة حتى يُبت فيه.',
        ].join('\n'),
      },
    },
    en: {
      sms: 'Warning: account {{accountNumber}} has {{amount}} overdue. The supply will be cut after {{disconnectOn}} unless paid. Pay: {{payUrl}}',
      email: {
        subject: 'Disconnection warning for account {{accountNumber}}',
        body: [
          'Hello {{name}},',
          '',
          'Account {{accountNumber}} has {{amount}} overdue.',
          'Unless it is paid, the supply will be cut after {{disconnectOn}}.',
          '',
          'Pay online: {{payUrl}}',
          'If you dispute a bill, file a dispute on the Tasdeed portal: the supply is not cut while it is open.',
        ].join('\n'),
      },
    },
  },
  'disconnection.ordered': {
    ar: {
      sms: 'صدر أمر بفصل الخدمة عن الحساب {{accountNumber}} لعدم سداد {{amount}}. سدد الآن لإلغائه: {{payUrl}}',
      email: {
        subject: 'أمر بفصل الخدمة عن الحساب {{accountNumber}}',
        body: [
          'مرحباً {{name}}،',
          '',
          'انتهت مهلة السداد وصدر أمر بفصل الخدمة عن الحساب رقم {{accountNumber}} لعدم سداد {{amount}}.',
          'إن سددت قبل تنفيذه أُلغي الأمر.',
          '',
          'للدفع عبر الإنترنت: {{payUrl}}',
        ].join('\n'),
      },
    },
    en: {
      sms: 'A disconnection order was issued for account {{accountNumber}}: {{amount}} unpaid. Pay now to cancel it: {{payUrl}}',
      email: {
        subject: 'Disconnection order for account {{accountNumber}}',
        body: [
          'Hello {{name}},',
          '',
          'The grace period ended and a disconnection order was issued for account {{accountNumber}}: {{amount}} unpaid.',
          'Paying before it is carried out cancels it.',
          '',
          'Pay online: {{payUrl}}',
        ].join('\n'),
      },
    },
  },
  'disconnection.done': {
    ar: {
      sms: 'فُصلت الخدمة عن الحساب {{accountNumber}} لعدم سداد {{amount}}. تُعاد بعد السداد: {{payUrl}}',
      email: {
        subject: 'فُصلت الخدمة عن الحساب {{accountNumber}}',
        body: [
          'مرحباً {{name}}،',
          '',
          'فُصلت الخدمة عن الحساب رقم {{accountNumber}} لعدم سداد {{amount}}.',
          'يصدر أمر إعادة التوصيل فور السداد.',
          '',
          'للدفع عبر الإنترنت: {{payUrl}}',
        ].join('\n'),
      },
    },
    en: {
      sms: 'The supply of account {{accountNumber}} was cut: {{amount}} unpaid. It is restored once paid: {{payUrl}}',
      email: {
        subject: 'The supply of account {{accountNumber}} was cut',
        body: [
          'Hello {{name}},',
          '',
          'The supply of account {{accountNumber}} was cut: {{amount}} unpaid.',
          'A reconnection order is issued as soon as it is paid.',
          '',
          'Pay online: {{payUrl}}',
        ].join('\n'),
      },
    },
  },
  'reconnection.ordered': {
    ar: {
      sms: 'شكراً لسدادك. صدر أمر بإعادة توصيل الخدمة للحساب {{accountNumber}} قبل {{dueBy}}. رسوم إعادة التوصيل: {{fee}}',
      email: {
        subject: 'إعادة توصيل الخدمة للحساب {{accountNumber}}',
        body: [
          'مرحباً {{name}}،',
          '',
          'شكراً لسدادك. صدر أمر بإعادة توصيل الخدمة للحساب رقم {{accountNumber}}، ويُنفذ قبل {{dueBy}}.',
          'رسوم إعادة التوصيل: {{fee}}',
        ].join('\n'),
      },
    },
    en: {
      sms: 'Thank you for paying. Account {{accountNumber}} will be reconnected by {{dueBy}}. Reconnection fee: {{fee}}',
      email: {
        subject: 'Reconnection of account {{accountNumber}}',
        body: [
          'Hello {{name}},',
          '',
          'Thank you for paying. A reconnection order was issued for account {{accountNumber}}; it is carried out by {{dueBy}}.',
          'Reconnection fee: {{fee}}',
        ].join('\n'),
      },
    },
  },
  'reconnection.done': {
    ar: {
      sms: 'أُعيد توصيل الخدمة للحساب {{accountNumber}}.',
      email: {
        subject: 'أُعيد توصيل الخدمة للحساب {{accountNumber}}',
        body: ['مرحباً {{name}}،', '', 'أُعيد توصيل الخدمة للحساب رقم {{accountNumber}}.'].join('\n'),
      },
    },
    en: {
      sms: 'The supply of account {{accountNumber}} was restored.',
      email: {
        subject: 'Account {{accountNumber}} reconnected',
        body: ['Hello {{name}},', '', 'The supply of account {{accountNumber}} was restored.'].join('\n'),
      },
    },
  },
};
