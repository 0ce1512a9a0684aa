/**
 * A second held-out set, written after the first one was folded into tuning, in the shapes text
 * takes inside a run: JSON a step produced, a model's summary, Markdown tables, chat exports.
 * Scored once before any change; the result is recorded in detect.ts, and the rules were then
 * fixed for what it showed (except "4.18.0.2" in x04, a version number that reads as an address
 * and is still taken for one). Same annotation rules as index.ts; all data made up.
 */
import type { CorpusDocument } from './index';

export const HOLDOUT_2: CorpusDocument[] = [
  {
    id: 'x01-json-lead',
    kind: 'doc',
    text: `{"lead": {"full_name": "Ngozi Eze", "email": "ngozi.eze@example.ng", "phone": "+234 803 555 0142", "company": "Fabrikam Energy", "employees": 1200, "score": 0.82, "notes": "Met Ngozi at the Lagos expo; wants a demo in May."}}`,
    pii: [
      ['person', 'Ngozi Eze'],
      ['email', 'ngozi.eze@example.ng'],
      ['phone', '+234 803 555 0142'],
      ['person', 'Ngozi'],
    ],
    decoys: ['1200', '0.82', 'in May'],
  },
  {
    id: 'x02-model-summary',
    kind: 'doc',
    text: `Summary of the ticket: The customer, Tobias Lindgren, reports that his card 4917 6100 0000 0000 was charged €79.00 twice on 14/05/2024. He asks for a refund to his account FI24 2142 1000 0123 45. He can be reached at +358 40 555 0199. Suggested reply: apologise, confirm the refund within 5 business days, and reference case 2024-05-1187.`,
    pii: [
      ['person', 'Tobias Lindgren'],
      ['credit_card', '4917 6100 0000 0000'],
      ['iban', 'FI24 2142 1000 0123 45'],
      ['phone', '+358 40 555 0199'],
    ],
    decoys: ['€79.00', '14/05/2024', '2024-05-1187', '5 business days'],
  },
  {
    id: 'x03-markdown-table',
    kind: 'doc',
    text: `| Name | Role | Email | Phone |
| --- | --- | --- | --- |
| Freya Olsen | Buyer | freya.olsen@example.dk | +45 32 55 01 77 |
| Mateus Costa | Finance | mateus@example.pt | +351 21 555 0163 |
| Lily Tanaka | Legal | lily.tanaka@example.jp | +81 6-5555-0110 |

Total budget: 45,000 EUR. Renewal: 2025-01-31.`,
    pii: [
      ['person', 'Freya Olsen'],
      ['email', 'freya.olsen@example.dk'],
      ['phone', '+45 32 55 01 77'],
      ['person', 'Mateus Costa'],
      ['email', 'mateus@example.pt'],
      ['phone', '+351 21 555 0163'],
      ['person', 'Lily Tanaka'],
      ['email', 'lily.tanaka@example.jp'],
      ['phone', '+81 6-5555-0110'],
    ],
    decoys: ['45,000', '2025-01-31'],
  },
  {
    id: 'x04-slack-export',
    kind: 'chat',
    text: `#support-escalations
dana.k: @Robin can you check why the webhook from 52.14.200.7 keeps failing?
robin: on it. looks like they rotated the secret. cc @Will
will.t: I will ping their admin, Priscilla Nakamura. Her direct line is 503-555-0181.
robin: thanks Will! fwiw our gateway is on 4.18.0.2, no changes there.`,
    pii: [
      ['person', 'Robin'],
      ['ip_address', '52.14.200.7'],
      ['person', 'Priscilla Nakamura'],
      ['phone', '503-555-0181'],
      ['person', 'Will'],
    ],
    decoys: ['I will ping', '4.18.0.2'],
  },
  {
    id: 'x05-form-lowercase',
    kind: 'form',
    text: `Name: marcus oyelaran
Date of birth: 1994-07-09
SSN: 078 43 2219
Phone: (971) 555-0114
Preferred contact time: evenings`,
    pii: [
      ['person', 'marcus oyelaran'],
      ['date_of_birth', '1994-07-09'],
      ['ssn', '078 43 2219'],
      ['phone', '(971) 555-0114'],
    ],
  },
  {
    id: 'x06-bank-letter',
    kind: 'email',
    text: `Dear Mr de Jong,

Further to your letter of 2 February, we have closed the account BE46 0631 2345 6789 and transferred the balance of 2.340,55 EUR to LU28 0019 4006 4475 0000. The transfer reference is 8820-4471-0093.

Yours sincerely,
Annelies Verbeke
Customer Relations`,
    pii: [
      ['person', 'de Jong'],
      ['iban', 'BE46 0631 2345 6789'],
      ['iban', 'LU28 0019 4006 4475 0000'],
      ['person', 'Annelies Verbeke'],
    ],
    decoys: ['2 February', '2.340,55', '8820-4471-0093', 'Customer Relations'],
  },
  {
    id: 'x07-agent-draft',
    kind: 'email',
    text: `Hi Joy,

I hope you're well. Following our call, I've set up the trial for your team. Please share it with Kofi Asante and anyone else who needs access. The trial runs until June 30 and includes 10 seats.

If you have questions, grant me a few minutes on Thursday and I'll walk you through it.

Warm regards,
Beatriz Souza`,
    pii: [
      ['person', 'Joy'],
      ['person', 'Kofi Asante'],
      ['person', 'Beatriz Souza'],
    ],
    decoys: ['I hope', 'June 30', 'grant me'],
  },
  {
    id: 'x08-vpn-audit',
    kind: 'log',
    text: `VPN audit 2024-Q2
user olga.petrenko@contoso.example logged in from 2a02:c7f:1234:5600::21 and 81.2.69.160
user sam.reid@contoso.example logged in from 10.8.0.14 (internal)
client versions: 7.4.2.1 (windows), 7.4.1 (mac)
blocked: 0.0.0.0/0 outbound on port 25`,
    pii: [
      ['email', 'olga.petrenko@contoso.example'],
      ['ip_address', '2a02:c7f:1234:5600::21'],
      ['ip_address', '81.2.69.160'],
      ['email', 'sam.reid@contoso.example'],
      ['ip_address', '10.8.0.14'],
    ],
    decoys: ['7.4.2.1', '7.4.1'],
  },
  {
    id: 'x09-medical-referral',
    kind: 'form',
    text: `Referral letter

Re: Ms. Eleanor Whitcombe (DOB 19 August 1956), NHS number 943 476 5919

Dear Dr. Farouk,

I would be grateful if you could see Mrs Whitcombe regarding her recurring migraines. She was seen in clinic on 3 March 2024. Her daughter, Clara Whitcombe, can be contacted on 07700 900877.

Kind regards,
Dr. Henry Ashworth`,
    pii: [
      ['person', 'Eleanor Whitcombe'],
      ['date_of_birth', '19 August 1956'],
      ['person', 'Farouk'],
      ['person', 'Whitcombe'],
      ['person', 'Clara Whitcombe'],
      ['phone', '07700 900877'],
      ['person', 'Henry Ashworth'],
    ],
    decoys: ['3 March 2024'],
  },
  {
    id: 'x10-cards-in-text',
    kind: 'ticket',
    text: `Payment log excerpt:
attempt 1: card=5105105105105100 status=declined amount=120.00
attempt 2: card=3782-822463-10005 status=approved amount=120.00
attempt 3: card=3566 0000 0000 0018 status=approved amount=15.50
note: reference numbers 4000 1234 5678 9010 and 5105 1051 0510 5101 are invalid test values`,
    pii: [
      ['credit_card', '5105105105105100'],
      ['credit_card', '3782-822463-10005'],
      ['credit_card', '3566 0000 0000 0018'],
    ],
    decoys: ['4000 1234 5678 9010', '5105 1051 0510 5101', '120.00', '15.50'],
  },
];
