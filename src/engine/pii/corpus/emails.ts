/** Emails (see index.ts for the annotation rules). Written for Trellis; all data made up. */
import type { CorpusDocument } from './index';

export const EMAILS: CorpusDocument[] = [
  {
    id: 'e01-sales-follow-up',
    kind: 'email',
    text: `Hi Priyanka,

Great speaking with you on Tuesday. As promised, I've attached the May 2024 pricing sheet; the Growth plan is $49 per seat per month, and annual billing brings it down to $39. Will your team need SSO in the first quarter?

I'll check in again next week.

Best regards,
Marcus Bell
Account Executive, Proseware Analytics
marcus.bell@proseware.example.com | +1 (646) 555-0173`,
    pii: [
      ['person', 'Priyanka'],
      ['person', 'Marcus Bell'],
      ['email', 'marcus.bell@proseware.example.com'],
      ['phone', '+1 (646) 555-0173'],
    ],
    decoys: ['May 2024', '$49', 'Will your team'],
  },
  {
    id: 'e02-hr-onboarding',
    kind: 'email',
    text: `Hello HR,

Please set up payroll for our new hire, May Lindqvist, starting June 3, 2024.

Legal name: May Elin Lindqvist
SSN: 212-48-3390
Date of birth: March 12, 1985
Personal email: may.lindqvist@fastmail.example

May will sit with the analytics team. Her badge photo was taken on 2024-05-28.

Thanks,
Olu Adebayo`,
    pii: [
      ['person', 'May Lindqvist'],
      ['person', 'May Elin Lindqvist'],
      ['person', 'May'],
      ['ssn', '212-48-3390'],
      ['date_of_birth', 'March 12, 1985'],
      ['email', 'may.lindqvist@fastmail.example'],
      ['person', 'Olu Adebayo'],
    ],
    decoys: ['June 3, 2024', '2024-05-28'],
  },
  {
    id: 'e03-bank-details-change',
    kind: 'email',
    text: `Dear Accounts Payable,

Our bank details have changed. From 1 July please pay invoices into GB29 NWBK 6016 1331 9268 19 (sort code 60-16-13). Bill payment runs on the 15th of each month, so the June run can still use the old account.

If anything is unclear, call me on 020 7123 4567.

Regards,
Hope Martinez
Finance Manager, Coho Vineyard Ltd`,
    pii: [
      ['iban', 'GB29 NWBK 6016 1331 9268 19'],
      ['phone', '020 7123 4567'],
      ['person', 'Hope Martinez'],
    ],
    decoys: ['60-16-13', 'Bill payment', '1 July'],
  },
  {
    id: 'e04-vendor-invoice',
    kind: 'email',
    text: `Hello,

Attached is invoice 2024-00731 for PO 0045-7781-2210. Total due: USD 12,480.00 (net 30). Line items: 40 licences at 312.00.

For remittance questions contact our billing desk at +1 (312) 555-0148, ext. 22, or billing@fabrikam.example.org.

Fabrikam Energy, 1200 Lakeshore Dr, Chicago IL 60601`,
    pii: [
      ['phone', '+1 (312) 555-0148'],
      ['email', 'billing@fabrikam.example.org'],
    ],
    decoys: ['2024-00731', '0045-7781-2210', '12,480.00', '312.00', '60601'],
  },
  {
    id: 'e05-conference',
    kind: 'email',
    text: `Dear Dr. Amara Nwosu,

Thank you for registering for DataOps Summit 2024 (Lyon, 14-16 October). Your ticket number is DS24-33871. Your colleagues Kwame Mensah (k.mensah@tailspin.example) and Dr. Rose Adeyemi are registered too.

For dietary requirements, reply to this email or call +33 4 72 10 30 30.

The Summit Team`,
    pii: [
      ['person', 'Amara Nwosu'],
      ['person', 'Kwame Mensah'],
      ['email', 'k.mensah@tailspin.example'],
      ['person', 'Rose Adeyemi'],
      ['phone', '+33 4 72 10 30 30'],
    ],
    decoys: ['DS24-33871', '14-16 October'],
  },
  {
    id: 'e06-security-alert',
    kind: 'email',
    text: `New sign-in to your account

We noticed a sign-in from a new device:
Browser: Chrome 124.0.6367.91 on Windows (build 10.0.19045.4291)
IP address: 198.51.100.23
IPv6: 2001:db8:4f2a:1::1b
App version: v2.14.0.3

If this was you, no action is needed. If not, reset your password and contact security@woodgrove.example.com.`,
    pii: [
      ['ip_address', '198.51.100.23'],
      ['ip_address', '2001:db8:4f2a:1::1b'],
      ['email', 'security@woodgrove.example.com'],
    ],
    decoys: ['124.0.6367.91', '10.0.19045.4291', 'v2.14.0.3'],
  },
  {
    id: 'e07-birthday',
    kind: 'email',
    text: `Hi all,

Quick one: Elena's birthday is July 14th and we are planning a surprise lunch on Friday, July 12. Please chip in £10 by Wednesday.

Her partner, Nikolai Sorokin, says she was born on 14 July 1988, so it is a round number next year!

Cheers,
Fiona`,
    pii: [
      ['person', 'Elena'],
      ['date_of_birth', 'July 14th'],
      ['person', 'Nikolai Sorokin'],
      ['date_of_birth', '14 July 1988'],
      ['person', 'Fiona'],
    ],
    decoys: ['July 12', '£10'],
  },
  {
    id: 'e08-insurance-claim',
    kind: 'email',
    text: `Claim reference: CLM-88-20931
Policy number: 4417 2290 1183

Claimant: Mr Frank Delacroix
Date of Birth: 14.07.1990
Contact number: 020 8123 4567
Email: f.delacroix@mailbox.example.co.uk

Incident date: 02.02.2024. Mr Delacroix reports water damage in the kitchen; the assessor visit is booked for 19.02.2024.`,
    pii: [
      ['person', 'Frank Delacroix'],
      ['person', 'Delacroix'],
      ['date_of_birth', '14.07.1990'],
      ['phone', '020 8123 4567'],
      ['email', 'f.delacroix@mailbox.example.co.uk'],
    ],
    decoys: ['CLM-88-20931', '4417 2290 1183', '02.02.2024', '19.02.2024'],
  },
  {
    id: 'e09-recruiter',
    kind: 'email',
    text: `Hi Grant,

Following up on the analyst role. The candidate, Yusuf Demir, is available from September and currently based in Rotterdam. His number is +31 6 1234 5678.

Unrelated, but the Grant Application deadline for the research fund is 30 September, in case your team wants to apply.

Thanks,
Chloe`,
    pii: [
      ['person', 'Grant'],
      ['person', 'Yusuf Demir'],
      ['phone', '+31 6 1234 5678'],
      ['person', 'Chloe'],
    ],
    decoys: ['Grant Application', '30 September'],
  },
  {
    id: 'e10-es-refund',
    kind: 'email',
    text: `Estimado equipo:

Soy Lucía Fernández y solicito el reembolso del pedido 2024/5581 (importe 129,95 €). Mi cuenta es ES91 2100 0418 4502 0005 1332 y mi teléfono +34 912 345 678.

Un saludo,
Lucía Fernández`,
    pii: [
      ['person', 'Lucía Fernández'],
      ['iban', 'ES91 2100 0418 4502 0005 1332'],
      ['phone', '+34 912 345 678'],
    ],
    decoys: ['2024/5581', '129,95'],
  },
  {
    id: 'e11-it-supplier',
    kind: 'email',
    text: `Buongiorno,

we confirm the supplier registration for Giulia Romano (Romano Forniture S.r.l.). Payments go to IT60 X054 2811 1010 0000 0123 456. Office: +39 06 6982 1234.

VAT number IT 01234567890 and registration 2023-RM-1183 are on file.

Kind regards,
Procurement`,
    pii: [
      ['person', 'Giulia Romano'],
      ['iban', 'IT60 X054 2811 1010 0000 0123 456'],
      ['phone', '+39 06 6982 1234'],
    ],
    decoys: ['IT 01234567890', '2023-RM-1183'],
  },
  {
    id: 'e12-unsubscribe',
    kind: 'email',
    text: `Please remove the following addresses from the newsletter list (bounced 3+ times in Q2):

- a.kumar+news@globex.example.com
- j_smith@mail.contoso.example
- info@alpine-ski-house.example

Also, version 3.4.1 of the mailer still sends to unsubscribed contacts; 17% of complaints last month came from that.`,
    pii: [
      ['email', 'a.kumar+news@globex.example.com'],
      ['email', 'j_smith@mail.contoso.example'],
      ['email', 'info@alpine-ski-house.example'],
    ],
    decoys: ['3.4.1', '17%'],
  },
  {
    id: 'e13-forwarded-thread',
    kind: 'email',
    text: `---------- Forwarded message ---------
From: Rose Adeyemi <rose.adeyemi@lucerne.example>
Date: Mon, 8 Apr 2024 at 09:14
To: Daniel Okoro <daniel.okoro@lucerne.example>
Subject: Re: contract renewal

Daniel, the renewal is fine by me. Can you send the signed copy to legal by Friday? Rose`,
    pii: [
      ['person', 'Rose Adeyemi'],
      ['email', 'rose.adeyemi@lucerne.example'],
      ['person', 'Daniel Okoro'],
      ['email', 'daniel.okoro@lucerne.example'],
      ['person', 'Daniel'],
      ['person', 'Rose'],
    ],
    decoys: ['8 Apr 2024', '09:14'],
  },
  {
    id: 'e14-payment-failed',
    kind: 'email',
    text: `Subject: Bill Payment Failed

Hello Sofia Alvarez,

We could not charge the card ending 1881 for your renewal. The full number on file is 4012 8888 8888 1881. A second card, 4987 6543 2109 8760, was declined as invalid. Please update your details before 2024-09-30 to keep your 24 seats.

Billing team`,
    pii: [
      ['person', 'Sofia Alvarez'],
      ['credit_card', '4012 8888 8888 1881'],
    ],
    decoys: ['Bill Payment Failed', '4987 6543 2109 8760', '2024-09-30'],
  },
  {
    id: 'e15-ch-at-vendor',
    kind: 'email',
    text: `Grüezi Lukas Gruber,

wir haben die Kontodaten aktualisiert: CH93 0076 2011 6238 5295 7 (Zürich) und für die Wiener Filiale AT61 1904 3002 3457 3201. Rückfragen unter +41 44 668 18 00.

Freundliche Grüsse
Martina Huber`,
    pii: [
      ['person', 'Lukas Gruber'],
      ['iban', 'CH93 0076 2011 6238 5295 7'],
      ['iban', 'AT61 1904 3002 3457 3201'],
      ['phone', '+41 44 668 18 00'],
      ['person', 'Martina Huber'],
    ],
  },
];
