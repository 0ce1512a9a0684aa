/** Support tickets (see index.ts for the annotation rules). Written for Trellis; all data made up. */
import type { CorpusDocument } from './index';

export const TICKETS: CorpusDocument[] = [
  {
    id: 't01-double-charge',
    kind: 'ticket',
    text: `Subject: Charged twice for order #4481-2290-1175

Hi support,

I was charged $1,249.00 twice for the same order on 2024-03-18. The card I used is 4532 0151 1283 0366 and both charges show on my statement. Order number 4481-2290-1175, invoice INV-20240318-0042.

Please refund one of them. You can reach me at dana.whitfield@northwind-mail.com or on (415) 555-0132 after 5pm.

Thanks,
Dana Whitfield`,
    pii: [
      ['credit_card', '4532 0151 1283 0366'],
      ['email', 'dana.whitfield@northwind-mail.com'],
      ['phone', '(415) 555-0132'],
      ['person', 'Dana Whitfield'],
    ],
    decoys: ['4481-2290-1175', '$1,249.00', '2024-03-18', 'INV-20240318-0042'],
  },
  {
    id: 't02-login-loop',
    kind: 'ticket',
    text: `Hi Will,

Thanks for looking into this. Since the update to v4.2.1.7 I get stuck in a login loop. It happens from the office (203.0.113.42) and from home (198.51.100.7), around 10:45:12 each morning.

I will try clearing the cache tonight, but I doubt it helps. Will this be fixed in the next release?

Best,
Marta Kowalczyk
Operations, Litware Systems`,
    pii: [
      ['person', 'Will'],
      ['ip_address', '203.0.113.42'],
      ['ip_address', '198.51.100.7'],
      ['person', 'Marta Kowalczyk'],
    ],
    decoys: ['v4.2.1.7', '10:45:12', 'I will try', 'Will this'],
  },
  {
    id: 't03-uk-callback',
    kind: 'ticket',
    text: `Customer: Mrs. Hope Abernathy
Channel: phone

Mrs. Abernathy asked for a callback about her broadband contract (account 77120943). Her landline is +44 20 7946 0958 and her mobile is 07700 900123. She lives near SW1A 1AA and says the engineer missed two appointments. I told her I hope this helps and that we would waive the £45.00 visit fee.`,
    pii: [
      ['person', 'Hope Abernathy'],
      ['person', 'Abernathy'],
      ['phone', '+44 20 7946 0958'],
      ['phone', '07700 900123'],
    ],
    decoys: ['77120943', '£45.00', 'hope this helps'],
  },
  {
    id: 't04-de-refund',
    kind: 'ticket',
    text: `Ticket 2024-0815 (DE)

Herr Jürgen Weiß möchte die Erstattung von 1.249,00 € auf sein Konto: IBAN DE89 3704 0044 0532 0130 00, BIC COBADEFFXXX. Rückruf bitte unter +49 30 901820 oder 0049 89 21803344.

Note from agent: refund approved by Sabine Vogel, due within 14 days.`,
    pii: [
      ['person', 'Jürgen Weiß'],
      ['iban', 'DE89 3704 0044 0532 0130 00'],
      ['phone', '+49 30 901820'],
      ['phone', '0049 89 21803344'],
      ['person', 'Sabine Vogel'],
    ],
    decoys: ['2024-0815', '1.249,00', 'COBADEFFXXX'],
  },
  {
    id: 't05-card-update',
    kind: 'ticket',
    text: `The customer tried to update the card on file three times. The first number she read out was 4532 0151 1283 0367, which our form rejected (it does not pass the check). The correct one is 5521-9034-0771-2458, expiry 09/27. She also asked whether we still hold her old Amex 3714 496353 98431.

Amount due: $89.99. Subscription ID 5521903407.`,
    pii: [
      ['credit_card', '5521-9034-0771-2458'],
      ['credit_card', '3714 496353 98431'],
    ],
    decoys: ['4532 0151 1283 0367', '09/27', '$89.99', '5521903407'],
  },
  {
    id: 't06-identity-check',
    kind: 'ticket',
    text: `Identity verification for tax form W-9

Name: Rafael Ortiz
SSN: 536-22-1187
DOB: 04/17/1982

The customer first typed 666-45-1234, which cannot be a real SSN, and our reference for this case is 000-12-3456. The form was filed on 01/15/2024. Rafael confirmed the corrected number by phone.`,
    pii: [
      ['person', 'Rafael Ortiz'],
      ['person', 'Rafael'],
      ['ssn', '536-22-1187'],
      ['date_of_birth', '04/17/1982'],
    ],
    decoys: ['666-45-1234', '000-12-3456', '01/15/2024', 'W-9'],
  },
  {
    id: 't07-ipv6-outage',
    kind: 'ticket',
    text: `Incident INC-5521: API gateway unreachable over IPv6

Affected clients: 2001:db8:85a3::8a2e:370:7334 and fe80::1ff:fe23:4567:890a. The load balancer at 10.0.4.17 was healthy. The switch with MAC 00:1A:2B:3C:4D:5E rebooted at 03:12:44. Gateway build 10.2.0.1 was rolled back to 10.1.9.3 per runbook step 4.2.

Reported by: Ivan Petrov`,
    pii: [
      ['ip_address', '2001:db8:85a3::8a2e:370:7334'],
      ['ip_address', 'fe80::1ff:fe23:4567:890a'],
      ['ip_address', '10.0.4.17'],
      ['person', 'Ivan Petrov'],
    ],
    decoys: ['00:1A:2B:3C:4D:5E', '03:12:44', 'build 10.2.0.1', 'INC-5521'],
  },
  {
    id: 't08-shipping-delay',
    kind: 'ticket',
    text: `My parcel (tracking 1Z 999 AA1 0123 4567 84) has been "in transit" since May 2. Order 7731-0042 contained two items at $24.50 each. I paid with PayPal.

Please call me on 312-555-0148 if the courier needs directions; the building code is 4471.

Regards, Tom Brennan`,
    pii: [
      ['phone', '312-555-0148'],
      ['person', 'Tom Brennan'],
    ],
    decoys: ['1Z 999 AA1 0123 4567 84', '7731-0042', '$24.50', '4471', 'May 2'],
  },
  {
    id: 't09-clinic-booking',
    kind: 'ticket',
    text: `Patient: Grant Okafor
Date of birth: 1979-11-04
Phone: 415.555.0187

Mr. Okafor would like to move his appointment from 2024-06-18 to the following week. He asked us to grant access to his records for his wife, Ada Okafor, who will bring him.`,
    pii: [
      ['person', 'Grant Okafor'],
      ['person', 'Okafor'],
      ['date_of_birth', '1979-11-04'],
      ['phone', '415.555.0187'],
      ['person', 'Ada Okafor'],
    ],
    decoys: ['2024-06-18', 'grant access'],
  },
  {
    id: 't10-fr-billing',
    kind: 'ticket',
    text: `Bonjour,

Mme Camille Durand signale un prélèvement en double le 12/03/2024. Son IBAN : FR14 2004 1010 0505 0001 3M02 606. Elle est joignable au +33 1 42 68 53 00 ou au 06 12 34 56 78.

Montant : 59,90 €. Référence client : 88-4410-22.

— Agent: Luc Moreau`,
    pii: [
      ['person', 'Camille Durand'],
      ['iban', 'FR14 2004 1010 0505 0001 3M02 606'],
      ['phone', '+33 1 42 68 53 00'],
      ['phone', '06 12 34 56 78'],
      ['person', 'Luc Moreau'],
    ],
    decoys: ['12/03/2024', '59,90', '88-4410-22'],
  },
  {
    id: 't11-in-upi',
    kind: 'ticket',
    text: `Customer Priya Raghunathan (priya.r@example.in) says her payment for Order ID 4092-5521-7731 failed twice. Her mobile is +91 98765 43210. She was charged INR 2,499 but the order shows as pending. Escalated to payments on 5 Aug.`,
    pii: [
      ['person', 'Priya Raghunathan'],
      ['email', 'priya.r@example.in'],
      ['phone', '+91 98765 43210'],
    ],
    decoys: ['4092-5521-7731', '2,499', '5 Aug'],
  },
  {
    id: 't12-au-bill',
    kind: 'ticket',
    text: `G'day team,

The bill for March is wrong: I was charged for 3 lines but only have 2. My number is 0412 345 678 and the office is +61 2 9374 4000. Account 300 145 882.

Cheers,
Bill Novak`,
    pii: [
      ['phone', '0412 345 678'],
      ['phone', '+61 2 9374 4000'],
      ['person', 'Bill Novak'],
    ],
    decoys: ['The bill', '300 145 882'],
  },
  {
    id: 't13-jp-hardware',
    kind: 'ticket',
    text: `Reporter: Kenji Watanabe
Office phone: +81 3-1234-5678

The scanner (serial SN 0451-2231-8890) stopped working after firmware 2.1.0.4. Watanabe-san says the error code is E-5021 and it appears every 30 seconds.`,
    pii: [
      ['person', 'Kenji Watanabe'],
      ['person', 'Watanabe'],
      ['phone', '+81 3-1234-5678'],
    ],
    decoys: ['0451-2231-8890', '2.1.0.4', 'E-5021'],
  },
  {
    id: 't14-br-delivery',
    kind: 'ticket',
    text: `Olá! Meu nome é João Pereira. A entrega do pedido 55102-8 não chegou. Meu celular é +55 11 91234-5678 e meu e-mail é joao.pereira@correio.example.br. Valor pago: R$ 349,90.

Obrigado, João`,
    pii: [
      ['person', 'João Pereira'],
      ['person', 'João'],
      ['phone', '+55 11 91234-5678'],
      ['email', 'joao.pereira@correio.example.br'],
    ],
    decoys: ['55102-8', '349,90'],
  },
  {
    id: 't15-nl-direct-debit',
    kind: 'ticket',
    text: `Direct debit mandate change requested by Sanne de Vries. New account: NL91ABNA0417164300 (old account NL91ABNA0417164301 is closed). Phone +31 20 794 1234. Mandate reference MNDT-2023-11-0087, effective 1 December.`,
    pii: [
      ['person', 'Sanne de Vries'],
      ['iban', 'NL91ABNA0417164300'],
      ['phone', '+31 20 794 1234'],
    ],
    decoys: ['NL91ABNA0417164301', 'MNDT-2023-11-0087', '1 December'],
  },
];
