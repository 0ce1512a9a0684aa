/** CRM notes, chats, calls, forms, logs and documents without PII (see index.ts). Written for Trellis; all data made up. */
import type { CorpusDocument } from './index';

export const NOTES: CorpusDocument[] = [
  {
    id: 'n01-crm-call',
    kind: 'crm',
    text: `Call note, 2024-04-09. Spoke with Will Carver (VP Ops, Adventure Works) about the 250-seat expansion. He will send the security questionnaire by Friday and wants a demo for his CFO. Direct line +1 212 555 0199. Will mentioned budget approval lands in Q3; deal size about $180,000.`,
    pii: [
      ['person', 'Will Carver'],
      ['person', 'Will'],
      ['phone', '+1 212 555 0199'],
    ],
    decoys: ['He will send', '2024-04-09', '$180,000'],
  },
  {
    id: 'n02-chat',
    kind: 'chat',
    text: `[09:02] Agent: Hi, my name is Tomasz, how can I help today?
[09:02] Customer: Hi Tomasz, I can't download my invoices.
[09:03] Agent: Sorry to hear that. Can I have the email on the account?
[09:03] Customer: hope.ramirez@outlook.example
[09:04] Agent: Thanks, Hope. I see the invoices for January and February. Try this link; it expires in 24 hours.
[09:06] Customer: That worked, thank you!`,
    pii: [
      ['person', 'Tomasz'],
      ['email', 'hope.ramirez@outlook.example'],
      ['person', 'Hope'],
    ],
    decoys: ['[09:02]', '24 hours'],
  },
  {
    id: 'n03-kyc-form',
    kind: 'form',
    text: `KYC ONBOARDING FORM
Full name: Aisha Bello
Date of birth: 23/09/1991
SSN: 401735520
Phone: 2025550176
Email: aisha.bello@example.net
Employer: Trey Research
Annual income: 84,500
Form submitted: 11/03/2024`,
    pii: [
      ['person', 'Aisha Bello'],
      ['date_of_birth', '23/09/1991'],
      ['ssn', '401735520'],
      ['phone', '2025550176'],
      ['email', 'aisha.bello@example.net'],
    ],
    decoys: ['84,500', '11/03/2024'],
  },
  {
    id: 'n04-fraud-review',
    kind: 'crm',
    text: `Fraud review: three orders in 20 minutes from 185.220.101.4 and 185.220.101.17, all paid with 6011 0009 9013 9424 and shipped to different addresses. The client library was semver 1.2.3, the SDK reported v1.2.3.4 and the test number 6011 0009 9013 9425 was also tried. Blocked the card and the IPs; no chargebacks yet.`,
    pii: [
      ['ip_address', '185.220.101.4'],
      ['ip_address', '185.220.101.17'],
      ['credit_card', '6011 0009 9013 9424'],
    ],
    decoys: ['v1.2.3.4', '1.2.3', '6011 0009 9013 9425', '20 minutes'],
  },
  {
    id: 'n05-field-service',
    kind: 'crm',
    text: `Service visit 17.04.2024 at the Munich site. Contact on site: Herr Klaus Becker, Tel. 089 1234567, mobile 0171 2345678. The compressor (model KX-2200, serial 88123-44) was replaced; warranty until 2026.`,
    pii: [
      ['person', 'Klaus Becker'],
      ['phone', '089 1234567'],
      ['phone', '0171 2345678'],
    ],
    decoys: ['17.04.2024', 'KX-2200', '88123-44'],
  },
  {
    id: 'n06-call-transcript',
    kind: 'call',
    text: `Agent: Thank you for calling Woodgrove Bank. May I have your full name?
Caller: Yes, it's Patricia Nguyen.
Agent: Thank you, Ms. Nguyen. May I also have your date of birth?
Caller: It's the 3rd of May, 1971.
Agent: And the last payment you made?
Caller: On May 20, I paid 450 dollars.
Agent: Perfect, you are verified.`,
    pii: [
      ['person', 'Patricia Nguyen'],
      ['person', 'Nguyen'],
      ['date_of_birth', '3rd of May, 1971'],
    ],
    decoys: ['May I have', 'May I also', 'May 20', '450 dollars'],
  },
  {
    id: 'n07-account-note',
    kind: 'crm',
    text: `Account note: Ms. Summer Lee (procurement) asked about the summer promotion; it ended on 31 August. She wants the 15% discount applied to renewal quote Q-2024-118. Follow up with Summer next Monday.`,
    pii: [
      ['person', 'Summer Lee'],
      ['person', 'Summer'],
    ],
    decoys: ['summer promotion', '31 August', 'Q-2024-118'],
  },
  {
    id: 'n08-escalation',
    kind: 'ticket',
    text: `Escalation summary

The integration broke after the customer rotated their API key. Grant Thompson (their platform lead) and Ivy Chen from our solutions team joined the call. According to Ivy, the webhook retries stopped at 14:05 UTC. Grant will share logs; Ivy owns the fix. Next review on 2024-07-02.`,
    pii: [
      ['person', 'Grant Thompson'],
      ['person', 'Ivy Chen'],
      ['person', 'Ivy'],
      ['person', 'Grant'],
    ],
    decoys: ['14:05', '2024-07-02'],
  },
  {
    id: 'n09-loan-application',
    kind: 'form',
    text: `Loan application LA-2024-0193

Applicant: Derek Holloway
Social Security No.: 459-38-2716
Born: 11/23/1967
Home phone: (617) 555-0123
Requested amount: $35,000 over 60 months
Employer: Fourth Coffee, since 03/2015

Co-applicant: Linda Holloway, DOB 02/08/1970.`,
    pii: [
      ['person', 'Derek Holloway'],
      ['ssn', '459-38-2716'],
      ['date_of_birth', '11/23/1967'],
      ['phone', '(617) 555-0123'],
      ['person', 'Linda Holloway'],
      ['date_of_birth', '02/08/1970'],
    ],
    decoys: ['LA-2024-0193', '$35,000', '03/2015'],
  },
  {
    id: 'n10-hotel-booking',
    kind: 'form',
    text: `Booking confirmation 8841-2290

Guest: Mr. Oliver Hastings
Guests: 2 adults
Arrival: 14 Nov 2024, departure: 17 Nov 2024
Mobile: +44 7700 900456
Rate: GBP 189.00 per night

Special requests: late check-in after 22:00. Second guest: Charlotte Hastings.`,
    pii: [
      ['person', 'Oliver Hastings'],
      ['phone', '+44 7700 900456'],
      ['person', 'Charlotte Hastings'],
    ],
    decoys: ['8841-2290', '14 Nov 2024', '189.00', '22:00'],
  },
  {
    id: 'n11-server-log',
    kind: 'log',
    text: `2024-05-06 10:45:12 INFO  login ok user=ben.carter@litware.example ip=10.20.30.40
2024-05-06 10:45:13 WARN  rate limit from 203.0.113.99 (429)
2024-05-06 10:45:15 INFO  health check from ::1 ok
2024-05-06 10:45:19 ERROR upstream 2001:0db8:0000:0000:0000:ff00:0042:8329 timed out after 30000 ms
2024-05-06 10:45:20 INFO  mapped client ::ffff:192.0.2.128 version=5.1.0.2`,
    pii: [
      ['email', 'ben.carter@litware.example'],
      ['ip_address', '10.20.30.40'],
      ['ip_address', '203.0.113.99'],
      ['ip_address', '::1'],
      ['ip_address', '2001:0db8:0000:0000:0000:ff00:0042:8329'],
      ['ip_address', '::ffff:192.0.2.128'],
    ],
    decoys: ['2024-05-06', '10:45:12', '30000', '5.1.0.2'],
  },
  {
    id: 'n12-pipeline',
    kind: 'crm',
    text: `Pipeline review, week 32

- Contoso: Bill Hargreaves signed the order form; 120 seats at $42, start 1 September. Bill wants an invoice per department.
- Tailspin: Amber Patel is waiting on legal. Expected close: end of Q3 2024.
- Fabrikam: no champion yet. Next step: intro call, 30 minutes.

We will review the bill of materials for the hardware bundle separately.`,
    pii: [
      ['person', 'Bill Hargreaves'],
      ['person', 'Bill'],
      ['person', 'Amber Patel'],
    ],
    decoys: ['bill of materials', '$42', 'Q3 2024', '1 September'],
  },
  {
    id: 'n13-intake',
    kind: 'form',
    text: `New patient intake

Patient: Hope Delgado, born 1990-02-28
Phone: +1-617-555-0145
Insurance member ID: XKH 4471 9920
Emergency contact: Mateo Delgado (brother), 617-555-0177

Allergies: penicillin. First visit scheduled 2024-10-01 at 9:30.`,
    pii: [
      ['person', 'Hope Delgado'],
      ['date_of_birth', '1990-02-28'],
      ['phone', '+1-617-555-0145'],
      ['person', 'Mateo Delgado'],
      ['phone', '617-555-0177'],
    ],
    decoys: ['XKH 4471 9920', '2024-10-01', '9:30'],
  },
  {
    id: 'n14-nordic-payout',
    kind: 'crm',
    text: `Payout setup for the Nordic resellers:
Søren Lindberg (Stockholm) receives to SE45 5000 0000 0583 9825 7466, phone +46 8 1234 5678.
Ingrid Haugen (Oslo) receives to NO93 8601 1117 947, phone +47 22 12 34 56.
Commission rate 12.5%, paid quarterly; the Q1 payout of SEK 48 200 goes out 2024-04-15.`,
    pii: [
      ['person', 'Søren Lindberg'],
      ['iban', 'SE45 5000 0000 0583 9825 7466'],
      ['phone', '+46 8 1234 5678'],
      ['person', 'Ingrid Haugen'],
      ['iban', 'NO93 8601 1117 947'],
      ['phone', '+47 22 12 34 56'],
    ],
    decoys: ['12.5%', 'SEK 48 200', '2024-04-15'],
  },
  {
    id: 'n15-voicemail',
    kind: 'call',
    text: `Voicemail transcription (0:42): "Hi, this is Dana Kim calling from Northwind about ticket 55821. The replacement router still drops the connection every 15 minutes or so. Could you call me back at 415 555 0162? I'm around until 6. Thanks, bye."`,
    pii: [
      ['person', 'Dana Kim'],
      ['phone', '415 555 0162'],
    ],
    decoys: ['55821', '15 minutes', '0:42'],
  },
  {
    id: 'n16-release-notes',
    kind: 'doc',
    text: `Release 2024.5 (build 7.3.0.12)

- Exports now include a checksum; files from version 10.0.0.1 and later import without changes.
- Prices shown as 1,299.00 or 1.299,00 depending on locale.
- Fixed: reports scheduled for May 1 ran twice. Will be backported to 7.2.x.
- The bill-to address is now optional. We hope this makes onboarding faster.
- Order numbers like 2024-118-5521 and 0034-5521-7788 are searchable.`,
    pii: [],
    decoys: ['7.3.0.12', '10.0.0.1', '1,299.00', '1.299,00', 'May 1', 'Will be', 'We hope', '2024-118-5521', '0034-5521-7788'],
  },
  {
    id: 'n17-faq',
    kind: 'doc',
    text: `Frequently asked questions

Will my data be deleted? Only when you ask. May I export my flows? Yes, from the library.
Can I grant access to a colleague? Yes, under Settings. How is the bill calculated? Per active seat; see the pricing page.
Hope you find this useful. Mark the article as helpful if it answered your question.
Dates like 12/03/2024 follow your locale. Support hours: Mon-Fri 9:00-17:00 CET; call 0800 123 4567 in the UK.`,
    pii: [['phone', '0800 123 4567']],
    decoys: ['Will my data', 'May I export', 'grant access', 'the bill', 'Hope you find', 'Mark the article', '12/03/2024'],
  },
];
